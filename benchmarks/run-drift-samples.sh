#!/usr/bin/env bash
# Benchmark (not a test): drift samples ingested by metrics-service, samples/s.
#
#   bin/refinery up                               # once; the services and the broker must be running
#   benchmarks/run-drift-samples.sh [N]           # N samples per measurement (default 200000)
#
# Each sample: 3 numerical + 2 categorical features, a prediction and its outcome (so it also feeds the system's
# concept-drift detector), observedAt within the last 10 minutes, a fresh id. Measures, one line each:
#   1. Kafka: N records produced to refinery.metrics.samples; samples/s from the first send to the last commit.
#   2. HTTP: N samples POSTed to /api/v1/drift/samples in batches of 1,000 by HTTP_CLIENTS clients (4).
# Samples go to the AI system 'bench-drift' (registered if needed) and stay stored until the 60-day retention.
# Environment: HTTP_CLIENTS (4), SKIP_BUILD=1 to reuse benchmarks/target.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
N="${1:-${N:-200000}}"
CLIENTS="${HTTP_CLIENTS:-4}"
SYSTEM=bench-drift
RUN_ID="s$(date -u +%y%m%d%H%M%S)"
[[ "$N" =~ ^[1-9][0-9]*$ ]] || { echo "usage: $0 [N]  (N: a positive number of samples)" >&2; exit 2; }
WORK="$(mktemp -d)"; trap 'rm -rf "$WORK"' EXIT
say() { printf '[bench] %s\n' "$*"; }
die() { printf '[bench] error: %s\n' "$*" >&2; exit 1; }

status="$("$ROOT/bin/refinery" status)"
for svc in metrics oversight; do
  grep -Eq "^$svc +pid [0-9]+ +ready" <<<"$status" \
    || die "$svc-service is not ready; start the local run first with: bin/refinery up"$'\n'"$status"
done

if [ "${SKIP_BUILD:-0}" != 1 ]; then
  say "building (./mvnw -B -q -Pbench -pl benchmarks -am package -DskipTests)"
  (cd "$ROOT" && ./mvnw -B -q -Pbench -pl benchmarks -am package -DskipTests)
fi
CP="$ROOT/benchmarks/target/classes:$(cat "$ROOT/benchmarks/target/bench-classpath.txt")"
JAVA=(java -Xms1g -Xmx1g -XX:+UseSerialGC -cp "$CP")

admin=$("$ROOT/bin/refinery" token admin --sub bench --hours 2)
viewer=$("$ROOT/bin/refinery" token viewer --sub bench --hours 2)
ingest=$("$ROOT/bin/refinery" token ingest --sub bench --hours 2)
code=$(curl -sS -o /dev/null -w '%{http_code}' -X POST http://127.0.0.1:8084/api/v1/systems \
  -H "Authorization: Bearer $admin" -H 'Content-Type: application/json' \
  -d "{\"key\":\"$SYSTEM\",\"name\":\"Benchmark drift\",\"kind\":\"RECOMMENDATION\",\"ownerTeam\":\"platform\",\"riskProfile\":{\"brandImpact\":\"MEDIUM\",\"financialImpact\":\"LOW\",\"customerImpact\":\"LOW\"}}")
case "$code" in
  200|201|409) ;;
  *) die "registering $SYSTEM answered HTTP $code" ;;
esac
start=$SECONDS
until curl -fs -o /dev/null "http://127.0.0.1:8081/api/v1/systems/$SYSTEM" -H "Authorization: Bearer $viewer"; do
  [ $((SECONDS - start)) -lt 60 ] || die "$SYSTEM not known to metrics-service after 60 s"
  sleep 0.2
done

say "run $RUN_ID: N=$N samples per measurement, $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
common=(--n "$N" --run-id "$RUN_ID" --system "$SYSTEM" --jdbc-url "jdbc:postgresql://127.0.0.1:5432/${REFINERY_DB_NAME:-refinery}")
"${JAVA[@]}" io.refinery.bench.Main samples-kafka "${common[@]}" --topic refinery.metrics.samples | tee "$WORK/kafka.out"
"${JAVA[@]}" io.refinery.bench.Main samples-http "${common[@]}" --token "$ingest" --clients "$CLIENTS" | tee "$WORK/http.out"
# for benchmarks/run-all.sh: name|value|unit|limit|ratio
rate() { sed -nE 's/.* = ([0-9,.]+) samples\/s.*/\1/p' "$1" | tr -d , | head -1; }
echo "RESULT|drift samples, Kafka|$(rate "$WORK/kafka.out")|samples/s|-|-"
echo "RESULT|drift samples, HTTP batches of 1,000|$(rate "$WORK/http.out")|samples/s|-|-"
