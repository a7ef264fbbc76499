#!/usr/bin/env bash
# Benchmark (not a test): observation ingestion of metrics-service on this machine.
#
#   bin/refinery up                                  # once; the services and the broker must be running
#   benchmarks/run-metrics-ingest.sh [N]             # N observations per measurement (default 500000)
#
# Measures, one line per number:
#   1. Kafka -> PostgreSQL, live: N records produced to refinery.metrics.observations while metrics-service
#      consumes them; obs/s from the first send until the last row is committed in metrics.observations (and
#      the produce rate on its own). The load generator shares the 2 cores with the broker, the service and
#      PostgreSQL. Progress is polled every 50 ms from the system's daily rollups, written in the same statement
#      as the rows (a count(*) scan would compete with the ingestion); the final count(*) must match exactly.
#   1b. Kafka -> PostgreSQL, backlog: N more records produced while ingestion from Kafka is paused (the operators'
#      switch PUT /api/v1/ingestion/kafka), then resumed; obs/s from the first batch committed after the resume to
#      the last. This is how the consume limit (3.) is measured too: a topic already full, nothing else producing.
#   2. HTTP: N observations POSTed to /api/v1/observations in batches of 10,000 by HTTP_CLIENTS clients (4)
#   3. limit: raw consume rate of the same topic on the same broker (org.apache.kafka.tools.ConsumerPerformance)
#   4. limit: PostgreSQL binary COPY (the format metrics-service writes) of N such rows into metrics.observations
#      itself, rolled back, the best of 3 (leaves 3N dead rows for VACUUM); printed next to it, the stricter COPY of
#      the same rows into a fresh, empty scratch table like metrics.observations (best of 3 binary, and CSV)
# then a summary with the ratio ingestion / min(limit). Target: >= 50,000 obs/s and >= 50 % of that limit; the
# ratios against the fresh-table COPY are printed too.
#
# Observations go to the AI system 'bench-reco' (registered if needed) with ids prefixed by a fresh run id,
# and stay stored. Everything else the run creates (consumer group, scratch schema 'bench') is removed.
# Environment: HTTP_CLIENTS (4), SPREAD (how far back observedAt reaches, ISO-8601; PT10M = live stream,
# P2D = backfill), SKIP_BUILD=1 to reuse benchmarks/target, WARMUP_ROUNDS (2): rounds of N observations through the
# Kafka backlog and N through HTTP before anything is measured, so the JIT has compiled both paths (a service
# just started drained a backlog at 65k obs/s, the same one at 110k once warm); their numbers are printed, not used.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
N="${1:-${N:-500000}}"
CLIENTS="${HTTP_CLIENTS:-4}"
SPREAD="${SPREAD:-PT10M}"
SYSTEM=bench-reco
BOOTSTRAP=127.0.0.1:9092
DB="${REFINERY_DB_NAME:-refinery}"   # the database of the running suite (bin/refinery up)
TOPIC=refinery.metrics.observations
RUN_ID="r$(date -u +%y%m%d%H%M)$(printf '%02x' $((RANDOM % 256)))"   # short: a batch of 10,000 must fit in 2 MiB
PERF_GROUP="bench-perf-$RUN_ID"
[[ "$N" =~ ^[1-9][0-9]*$ ]] || { echo "usage: $0 [N]  (N: a positive number of observations)" >&2; exit 2; }

say() { printf '[bench] %s\n' "$*"; }
die() { printf '[bench] error: %s\n' "$*" >&2; exit 1; }

WORK="$(mktemp -d)"
RESULTS="$WORK/results.sh"
: > "$RESULTS"
CP=""
cleanup() {
  if [ -n "$CP" ] && [ -f "$WORK/perf-started" ]; then
    java -cp "$CP" io.refinery.bench.Main delete-group --group "$PERF_GROUP" >/dev/null 2>&1 \
      || say "warning: could not delete consumer group $PERF_GROUP"
  fi
  if [ -f "$WORK/copy-started" ]; then
    psql -h 127.0.0.1 -p 5432 -U postgres -d "$DB" -qc 'drop table if exists bench.observations_copy' \
      -c 'drop schema if exists bench' >/dev/null 2>&1 || say "warning: could not drop scratch schema bench"
  fi
  rm -rf "$WORK"
}
trap cleanup EXIT

# --- the local run must be up -------------------------------------------------------------------------
status="$("$ROOT/bin/refinery" status)"
for svc in metrics oversight; do
  grep -Eq "^$svc +pid [0-9]+ +ready" <<<"$status" \
    || die "$svc-service is not ready; start the local run first with: bin/refinery up"$'\n'"$status"
done
grep -Eq '^kafka +pid [0-9]+ +running' <<<"$status" \
  || die "the Kafka broker is not running; start the local run first with: bin/refinery up"
pg_isready -h 127.0.0.1 -p 5432 -q || die "PostgreSQL is not answering on 127.0.0.1:5432"

# --- build the load generator (and resolve kafka-tools) ------------------------------------------------
if [ "${SKIP_BUILD:-0}" != 1 ]; then
  say "building (./mvnw -B -q -Pbench -pl benchmarks -am package -DskipTests)"
  (cd "$ROOT" && ./mvnw -B -q -Pbench -pl benchmarks -am package -DskipTests)
fi
[ -f "$ROOT/benchmarks/target/bench-classpath.txt" ] || die "benchmarks/target/bench-classpath.txt is missing"
CP="$ROOT/benchmarks/target/classes:$(cat "$ROOT/benchmarks/target/bench-classpath.txt")"
clients_version=$(grep -o 'kafka-clients-[0-9][^/:]*\.jar' <<<"$CP" | sed 's/kafka-clients-//; s/\.jar$//')
tools_version=$(grep -o 'kafka-tools-[0-9][^/:]*\.jar' <<<"$CP" | sed 's/kafka-tools-//; s/\.jar$//')
[ -n "$clients_version" ] && [ "$clients_version" = "$tools_version" ] \
  || die "kafka-tools ($tools_version) must have the version of kafka-clients ($clients_version)"
JAVA=(java -Xms1g -Xmx1g -XX:+UseSerialGC -Dbench.spread="$SPREAD" -cp "$CP")

# --- the AI system the observations belong to -----------------------------------------------------------
admin=$("$ROOT/bin/refinery" token admin --sub bench --hours 2)
viewer=$("$ROOT/bin/refinery" token viewer --sub bench --hours 2)
ingest=$("$ROOT/bin/refinery" token ingest --sub bench --hours 2)
code=$(curl -sS -o "$WORK/register.json" -w '%{http_code}' -X POST http://127.0.0.1:8084/api/v1/systems \
  -H "Authorization: Bearer $admin" -H 'Content-Type: application/json' \
  -d "{\"key\":\"$SYSTEM\",\"name\":\"Benchmark recommendations\",\"kind\":\"RECOMMENDATION\",\"ownerTeam\":\"platform\",\"riskProfile\":{\"brandImpact\":\"LOW\",\"financialImpact\":\"LOW\",\"customerImpact\":\"LOW\"}}")
case "$code" in
  200|201) say "registered AI system $SYSTEM" ;;
  409) say "AI system $SYSTEM already registered" ;;
  *) die "registering $SYSTEM answered HTTP $code: $(cat "$WORK/register.json")" ;;
esac
start=$SECONDS
until curl -fs -o /dev/null "http://127.0.0.1:8081/api/v1/systems/$SYSTEM" -H "Authorization: Bearer $viewer"; do
  [ $((SECONDS - start)) -lt 60 ] || die "$SYSTEM not known to metrics-service after 60 s"
  sleep 0.2
done

say "run $RUN_ID: N=$N observations per measurement, observedAt within $SPREAD, $(nproc) cores"
common=(--n "$N" --run-id "$RUN_ID" --system "$SYSTEM" --bootstrap "$BOOTSTRAP" --topic "$TOPIC" --results "$RESULTS"
  --jdbc-url "jdbc:postgresql://127.0.0.1:5432/$DB")

# --- warm-up (not measured) ---------------------------------------------------------------------------------
WARMUP_ROUNDS="${WARMUP_ROUNDS:-2}"
[[ "$WARMUP_ROUNDS" =~ ^[0-9]+$ ]] || die "WARMUP_ROUNDS must be a number"
for ((round = 1; round <= WARMUP_ROUNDS; round++)); do
  warm=(--n "$N" --run-id "${RUN_ID}w$round" --system "$SYSTEM" --bootstrap "$BOOTSTRAP" --topic "$TOPIC"
    --results "$WORK/warmup.sh" --jdbc-url "jdbc:postgresql://127.0.0.1:5432/$DB")
  "${JAVA[@]}" io.refinery.bench.Main backlog "${warm[@]}" --token "$admin" 2>"$WORK/warmup.err" | sed 's/^/  warm-up: /' \
    || { cat "$WORK/warmup.err" >&2; die "warm-up round $round (Kafka backlog) failed"; }
  "${JAVA[@]}" io.refinery.bench.Main http "${warm[@]}" --token "$ingest" --clients "$CLIENTS" 2>"$WORK/warmup.err" \
    | sed 's/^/  warm-up: /' || { cat "$WORK/warmup.err" >&2; die "warm-up round $round (HTTP) failed"; }
done

# Every measurement starts from a fresh checkpoint, so none pays for the dirty pages and WAL the one before left
# (a checkpoint in the middle of a 3-second measurement took up to a third off it). CHECKPOINT needs a superuser.
checkpoint() { psql -h 127.0.0.1 -p 5432 -U postgres -d "$DB" -qc 'checkpoint' >/dev/null || die "CHECKPOINT failed"; }

# --- 1. Kafka -> PostgreSQL -------------------------------------------------------------------------------
checkpoint
"${JAVA[@]}" io.refinery.bench.Main kafka "${common[@]}" 2>"$WORK/kafka.err" \
  || { cat "$WORK/kafka.err" >&2; die "Kafka -> PostgreSQL measurement failed"; }

# --- 1b. Kafka -> PostgreSQL on a backlog: produced while ingestion from Kafka is paused, drained once resumed ----
checkpoint
"${JAVA[@]}" io.refinery.bench.Main backlog "${common[@]}" --token "$admin" 2>"$WORK/backlog.err" \
  || { cat "$WORK/backlog.err" >&2; die "Kafka backlog measurement failed"; }

# --- 2. HTTP batches --------------------------------------------------------------------------------------
checkpoint
"${JAVA[@]}" io.refinery.bench.Main http "${common[@]}" --token "$ingest" --clients "$CLIENTS" 2>"$WORK/http.err" \
  || { cat "$WORK/http.err" >&2; die "HTTP measurement failed"; }

# --- 3. limit: raw consume rate of the same topic on the same broker (Kafka's ConsumerPerformance) -------------
# Same max.poll.records as metrics-service's observations consumer; a new group reads from the earliest offset.
echo "max.poll.records=10000" > "$WORK/consumer.properties"
touch "$WORK/perf-started"
java -Xmx512m -XX:+UseSerialGC -cp "$CP" org.apache.kafka.tools.ConsumerPerformance \
  --bootstrap-server "$BOOTSTRAP" --topic "$TOPIC" --messages "$N" --group "$PERF_GROUP" --timeout 30000 \
  --consumer.config "$WORK/consumer.properties" >"$WORK/perf.out" 2>"$WORK/perf.err" \
  || { cat "$WORK/perf.out" "$WORK/perf.err" >&2; die "ConsumerPerformance failed"; }
# start.time, end.time, data.consumed.in.MB, MB.sec, data.consumed.in.nMsg, nMsg.sec, rebalance.time.ms,
# fetch.time.ms, fetch.MB.sec, fetch.nMsg.sec
perf=$(grep -E '^[0-9]{4}-' "$WORK/perf.out" | tail -n 1)
[ -n "$perf" ] || { cat "$WORK/perf.out" "$WORK/perf.err" >&2; die "no result line from ConsumerPerformance"; }
IFS=',' read -r _ _ mb _ msgs nmsg_sec rebalance_ms fetch_ms _ fetch_nmsg_sec <<<"$(tr -d ' ' <<<"$perf")"
[ "$msgs" -ge "$N" ] || die "ConsumerPerformance read only $msgs of $N records (is the topic holding fewer?)"
printf 'kafka consume limit:  %d records (%.1f MB) fetched in %.2f s = %.0f records/s' \
  "$msgs" "$mb" "$(awk "BEGIN{print $fetch_ms/1000}")" "$fetch_nmsg_sec"
printf ' (ConsumerPerformance %s, fetch rate; %.0f records/s including the %d ms group join)\n' \
  "$tools_version" "$nmsg_sec" "$rebalance_ms"
echo "consume_rate=$fetch_nmsg_sec" >> "$RESULTS"

# --- 4. limit: PostgreSQL COPY of the same rows --------------------------------------------------------------
touch "$WORK/copy-started"
"${JAVA[@]}" io.refinery.bench.Main copy "${common[@]}" 2>"$WORK/copy.err" \
  || { cat "$WORK/copy.err" >&2; die "COPY measurement failed"; }

# --- summary ------------------------------------------------------------------------------------------------
# shellcheck disable=SC1090
source "$RESULTS"
awk -v k="$kafka_ingest_rate" -v b="$kafka_backlog_rate" -v h="$http_ingest_rate" -v c="$consume_rate" -v p="$copy_rate" -v pc="$copy_csv_rate" -v ps="$copy_same_table_rate" -v n="$N" 'BEGIN {
  lim = (c < ps) ? c : ps; which = (c < ps) ? "kafka consume" : "postgres COPY into metrics.observations";
  okb = (b >= 50000 && b / lim >= 0.5) ? "met" : "NOT met";
  okk = (k >= 50000 && k / lim >= 0.5) ? "met" : "NOT met";
  okh = (h >= 50000 && h / lim >= 0.5) ? "met" : "NOT met";
  printf "summary (N=%d): kafka->postgres live %.0f obs/s, backlog %.0f obs/s, http %.0f obs/s | limits: kafka consume %.0f records/s, postgres binary COPY into metrics.observations %.0f rows/s | ingestion/min(limit = %s): live %.1f %%, backlog %.1f %%, http %.1f %% | target >= 50,000 obs/s and >= 50 %%: live %s, backlog %s, http %s\n",
    n, k, b, h, c, ps, which, 100 * k / lim, 100 * b / lim, 100 * h / lim, okk, okb, okh
  printf "stricter, against a fresh empty table (binary COPY %.0f rows/s; CSV %.0f): live %.1f %%, backlog %.1f %%, http %.1f %%\n",
    p, pc, 100 * k / p, 100 * b / p, 100 * h / p
  # for benchmarks/run-all.sh: name|value|unit|limit|ratio
  printf "RESULT|metrics ingestion, Kafka live|%.0f|obs/s|%s %.0f/s|%.1f %%\n", k, which, lim, 100 * k / lim
  printf "RESULT|metrics ingestion, Kafka backlog drain|%.0f|obs/s|%s %.0f/s|%.1f %%\n", b, which, lim, 100 * b / lim
  printf "RESULT|metrics ingestion, HTTP batches of 10,000|%.0f|obs/s|%s %.0f/s|%.1f %%\n", h, which, lim, 100 * h / lim }'
