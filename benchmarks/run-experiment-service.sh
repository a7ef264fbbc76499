#!/usr/bin/env bash
# Benchmark (not a test): experiment-service's assignment and results on this machine.
#
#   benchmarks/run-experiment-service.sh [UNITS]     # UNITS in the results experiment (default 1000000)
#
# Starts its own throwaway world, so the local run (bin/refinery, ports 8081-8084 and 9092) is not touched:
# a database refinery_exp_bench_<pid> (dropped at the end), a Kafka broker on 127.0.0.1:19092 (controller 19093,
# log directory in a temporary folder), and experiment-service's jar on 127.0.0.1:18082 with the JVM options
# bin/refinery starts it with (bin/refinery jvm-options experiment). Prints, one line per number:
#   1. in-process assignment (JMH, AssignmentHashBench): Allocation.assign and the bare MurmurHash3, ops/s
#   2. HTTP, wrk (Debian package), on the same service with the same connections, threads and duration: GET /ping
#      (no token at all, the bare baseline), GET /api/v1/ping (authenticated, any role, the same 13-byte answer) and
#      GET /api/v1/experiments/{key}/assignment?unitId=<random of 10^7>, each with one ingest token as a shop's
#      service sends it; a 10 s warm-up each, then two rounds of the three. Req/s and p50/p99 of each, and the ratios
#      assignment/bare (targets: rate >= 80 %, p99 <= 1.5x) and authenticated ping/bare (the token's cost). Also the
#      service's CPU per request of each (from /proc): wrk runs on the same two cores, so the rates also carry what
#      wrk spends per request, which the CPU figure leaves out.
#   3. results: UNITS units exposed to a two-variant BINOMIAL experiment through POST /api/v1/exposures (batches of
#      10,000, 4 clients) and ~10.5 % of them converting through POST /api/v1/outcomes; then GET .../results
#      2 warm-ups and 7 timed calls with curl, the median and the fastest (target: median < 200 ms).
#      RESULTS_METRIC=RATIO makes the primary metric revenue per session (RATIO, delta method): every unit sends a
#      sessions outcome and about 30 % a revenue outcome, so the outcome rate shows what Σ N·D costs ingestion.
#      RESULTS_METRIC=QUANTILE makes it p90 latency: 90 % of the units send one latency outcome, and every GET walks
#      the counts of units per value that ingestion keeps (a quantile has no running sum).
#   4. segments: every exposure names a device; GET .../segments?dimension=device, a warm-up and 3 timed calls.
#   5. interactions: a second experiment exposed to the same UNITS units; GET .../interactions, a warm-up and 3 timed
#      calls (SKIP_INTERACTIONS=1 leaves it out). With BANDIT=1 the results experiment is a bandit, and 6. times
#      POST .../bandit/reweigh (a warm-up and 3 calls).
# Environment: EXP_BENCH_PORT (18082), EXP_BENCH_KAFKA_PORT (19092; controller +1), WRK_CONNECTIONS (32),
# WRK_THREADS (2), WRK_DURATION (20s), SKIP_BUILD=1 to reuse the built jars, SKIP_JMH=1, SKIP_HTTP=1, SKIP_RESULTS=1, KEEP_DB=1,
# TOKEN_CACHE_SIZE (the service's refinery.auth.token-cache.max-size; 0 verifies every token, as before issue 20),
# EXP_BENCH_JAVA_OPTS (more JVM options for the service, e.g. -XX:StartFlightRecording=... to profile it),
# EXP_BENCH_JAR (another build of the service to measure, e.g. a copy of target/quarkus-app for an A/B run).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
UNITS="${1:-1000000}"
PORT="${EXP_BENCH_PORT:-18082}"
KAFKA_PORT="${EXP_BENCH_KAFKA_PORT:-19092}"
CONNECTIONS="${WRK_CONNECTIONS:-32}"
THREADS="${WRK_THREADS:-2}"
DURATION="${WRK_DURATION:-20s}"
DB="refinery_exp_bench_$$"
URL="http://127.0.0.1:$PORT"
SYSTEM=bench-exp
[[ "$UNITS" =~ ^[1-9][0-9]*$ ]] || { echo "usage: $0 [UNITS]" >&2; exit 2; }

say() { printf '[bench] %s\n' "$*"; }
die() { printf '[bench] error: %s\n' "$*" >&2; exit 1; }
command -v wrk >/dev/null || die "wrk is missing: apt-get install -y wrk"
pg_isready -h 127.0.0.1 -p 5432 -q || die "PostgreSQL is not answering on 127.0.0.1:5432"
for p in "$PORT" "$KAFKA_PORT" "$((KAFKA_PORT + 1))"; do
  ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null || die "port $p is taken; set EXP_BENCH_PORT / EXP_BENCH_KAFKA_PORT"
done

WORK="$(mktemp -d)"
SERVICE_PID=""
KAFKA_PID=""
stop() {  # a child by its pid; its exit status (143 after TERM) must not end the cleanup
  if [ -n "$1" ] && kill "$1" 2>/dev/null; then wait "$1" 2>/dev/null || true; fi
}
cleanup() {
  set +e
  stop "$SERVICE_PID"
  stop "$KAFKA_PID"
  if [ -f "$WORK/db-created" ] && [ "${KEEP_DB:-0}" != 1 ]; then
    psql -h 127.0.0.1 -U postgres -d postgres -qc "drop database if exists $DB" >/dev/null 2>&1 \
      || say "warning: could not drop database $DB"
  fi
  rm -rf "$WORK"
}
trap cleanup EXIT

# --- build: the service, the broker's classpath, the load generator and the JMH harness ----------------------
if [ "${SKIP_BUILD:-0}" != 1 ]; then
  say "building (./mvnw -B -q -Pbench -pl benchmarks,kafka-runtime,platform-testing -am package -DskipTests)"
  (cd "$ROOT" && ./mvnw -B -q -Pbench -pl benchmarks,kafka-runtime,platform-testing -am package -DskipTests)
fi
JAR="${EXP_BENCH_JAR:-$ROOT/experiment-service/target/quarkus-app/quarkus-run.jar}"
[ -f "$JAR" ] || die "$JAR is missing"
CP="$ROOT/benchmarks/target/classes:$(cat "$ROOT/benchmarks/target/bench-classpath.txt")"
say "$(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg) at the start"

# --- 1. in process (JMH) ------------------------------------------------------------------------------------
if [ "${SKIP_JMH:-0}" != 1 ]; then
  java -Xmx256m -cp "$CP" org.openjdk.jmh.Main AssignmentHashBench -rf csv -rff "$WORK/jmh.csv" >"$WORK/jmh.out" 2>&1 \
    || { cat "$WORK/jmh.out" >&2; die "JMH failed"; }
  while IFS=, read -r name mode threads samples score error unit; do
    [ "$mode" = '"thrpt"' ] || continue
    printf 'in process %-12s %14.0f ops/s  (± %.0f, JMH, %s iterations, 1 thread)\n' "${name//\"/}" \
      "$score" "$error" "$samples" | sed 's/io.refinery.bench.AssignmentHashBench.//'
  done < "$WORK/jmh.csv"
fi

# --- the throwaway world: database, broker, service ------------------------------------------------------------
psql -h 127.0.0.1 -U postgres -d postgres -qc "create database $DB"
touch "$WORK/db-created"
java -Xmx512m -XX:+UseSerialGC \
  -Dlog4j2.configurationFile="$ROOT/platform-testing/src/main/resources/refinery-kafka-log4j2.properties" \
  -cp "$ROOT/platform-testing/target/classes:$(cat "$ROOT/kafka-runtime/target/kafka-classpath.txt")" \
  io.refinery.testing.kafka.KafkaNode --dir "$WORK/kafka" --port "$KAFKA_PORT" --controller-port "$((KAFKA_PORT + 1))" \
  --topics "$ROOT/kafka-runtime/topics.conf" --parent-pid $$ >"$WORK/kafka.log" 2>&1 </dev/null &
KAFKA_PID=$!
start=$SECONDS
until [ -f "$WORK/kafka/ready" ]; do
  kill -0 "$KAFKA_PID" 2>/dev/null || { cat "$WORK/kafka.log" >&2; die "the broker exited"; }
  [ $((SECONDS - start)) -lt 120 ] || die "the broker is not ready after 120 s"
  sleep 0.3
done
REFINERY_DB_JDBC_URL="jdbc:postgresql://127.0.0.1:5432/$DB" REFINERY_DB_REACTIVE_URL="postgresql://127.0.0.1:5432/$DB" \
REFINERY_DB_USER=postgres REFINERY_DB_PASSWORD= REFINERY_KAFKA="127.0.0.1:$KAFKA_PORT" \
MALLOC_ARENA_MAX="${MALLOC_ARENA_MAX:-2}" \
  java $("$ROOT/bin/refinery" jvm-options experiment) ${EXP_BENCH_JAVA_OPTS:-} -Dquarkus.http.port="$PORT" \
  -Drefinery.auth.token-cache.max-size="${TOKEN_CACHE_SIZE:-10000}" \
  -Dmp.jwt.verify.publickey.location="$ROOT/dev-keys/dev-public-key.pem" -Dquarkus.log.console.json.enabled=false \
  -jar "$JAR" >"$WORK/service.log" 2>&1 </dev/null &
SERVICE_PID=$!
start=$SECONDS
until curl -fsS -m 2 "$URL/q/health/ready" 2>/dev/null | grep -q '"status": *"UP"'; do
  kill -0 "$SERVICE_PID" 2>/dev/null || { tail -40 "$WORK/service.log" >&2; die "experiment-service exited"; }
  [ $((SECONDS - start)) -lt 120 ] || { tail -40 "$WORK/service.log" >&2; die "experiment-service not ready after 120 s"; }
  sleep 0.3
done
say "experiment-service ready on $URL (database $DB, broker 127.0.0.1:$KAFKA_PORT)"

admin=$("$ROOT/bin/refinery" token admin --sub bench --hours 2)
ingest=$("$ROOT/bin/refinery" token ingest --sub bench --hours 2)
viewer=$("$ROOT/bin/refinery" token viewer --sub bench --hours 2)
java -Xmx128m -cp "$CP" io.refinery.bench.ExperimentBench register "127.0.0.1:$KAFKA_PORT" "$SYSTEM" 2>"$WORK/register.err" \
  || { cat "$WORK/register.err" >&2; die "could not register $SYSTEM"; }
start=$SECONDS
until curl -fs -o /dev/null "$URL/api/v1/systems/$SYSTEM" -H "Authorization: Bearer $viewer"; do
  [ $((SECONDS - start)) -lt 60 ] || die "$SYSTEM not known to experiment-service after 60 s"
  sleep 0.3
done

# A running two-variant conversion experiment. Baseline 10 %, MDE 1 % relative: about 1.4 million units per
# variant are required, so the clocked checks do not stop it (required sample reached) while it is loaded. Above
# 2 million units the MDE is 0.3 % (about 15.6 million per variant).
MDE=$([ "$UNITS" -gt 2000000 ] && echo 0.003 || echo 0.01)
experiment() {  # key [primary metric JSON] [more fields, e.g. '"bandit": {...}, ']
  local key=$1 code primary extra=${3:-}
  primary=${2:-'{"name": "conversion", "type": "BINOMIAL", "direction": "INCREASE",
                 "minimumDetectableEffect": '"$MDE"', "baselineRate": 0.10}'}
  code=$(curl -sS -o "$WORK/create.json" -w '%{http_code}' -X POST "$URL/api/v1/experiments" \
    -H "Authorization: Bearer $admin" -H 'Content-Type: application/json' -d '{"key": "'"$key"'",
      "systemKey": "'"$SYSTEM"'", "kind": "MODEL_VARIANT", "hypothesis": "The new ranker lifts conversion",
      "unitType": "USER", "variants": [{"key": "control", "weight": 0.5, "control": true, "description": "v6"},
                                       {"key": "treatment", "weight": 0.5, "control": false, "description": "v7"}],
      "primaryMetric": '"$primary"', '"$extra"'"maxDuration": "P28D"}')
  [ "$code" = 201 ] || die "creating $key answered $code: $(cat "$WORK/create.json")"
  code=$(curl -sS -o "$WORK/start.json" -w '%{http_code}' -X POST "$URL/api/v1/experiments/$key/start" \
    -H "Authorization: Bearer $admin")
  [ "$code" = 200 ] || die "starting $key answered $code: $(cat "$WORK/start.json")"
}

# --- 2. HTTP: assignment next to the bare endpoint, with and without a token -----------------------------------
if [ "${SKIP_HTTP:-0}" != 1 ]; then  # (the body is not indented: it holds here-documents)
experiment bench-assign
curl -fsS "$URL/api/v1/experiments/bench-assign/assignment?unitId=u-1" -H "Authorization: Bearer $ingest" \
  | grep -q '"inExperiment":true' || die "bench-assign does not assign"
curl -fsS "$URL/ping" | grep -q '"pong":true' || die "GET /ping does not answer"
cat > "$WORK/bare.lua" <<'LUA'
request = function() return wrk.format("GET", "/ping") end
LUA
cat > "$WORK/ping.lua" <<'LUA'
request = function() return wrk.format("GET", "/api/v1/ping") end
LUA
cat > "$WORK/assign.lua" <<'LUA'
request = function()
  return wrk.format("GET", "/api/v1/experiments/bench-assign/assignment?unitId=u-" .. math.random(1, 10000000))
end
LUA
# wrk prints latencies as 812.00us, 1.20ms or 1.02s: in milliseconds.
to_ms() { awk -v v="$1" 'BEGIN { n = v + 0; if (v ~ /us$/) n /= 1000; else if (v ~ /ms$/) n += 0; else if (v ~ /s$/) n *= 1000; printf "%.2f", n }'; }
service_ticks() { awk '{ print $14 + $15 }' "/proc/$SERVICE_PID/stat"; }  # the service's user + system CPU
run_wrk() {  # name script duration -> "rate p50 p99 cpu_us" (cpu_us: the service's CPU per request, microseconds)
  local ticks
  ticks=$(service_ticks)
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"$3" --latency -s "$WORK/$2.lua" -H "Authorization: Bearer $ingest" "$URL" \
    >"$WORK/wrk.out" 2>&1 || { cat "$WORK/wrk.out" >&2; die "wrk failed"; }
  ticks=$(( $(service_ticks) - ticks ))
  ! grep -q 'Non-2xx' "$WORK/wrk.out" || { cat "$WORK/wrk.out" >&2; die "$1: answers other than 2xx"; }
  ! grep -q 'Socket errors' "$WORK/wrk.out" || { cat "$WORK/wrk.out" >&2; die "$1: socket errors"; }
  local rate p50 p99 cpu
  rate=$(awk '/^Requests\/sec:/ { print $2 }' "$WORK/wrk.out")
  p50=$(to_ms "$(awk '$1 == "50%" { print $2 }' "$WORK/wrk.out")")
  p99=$(to_ms "$(awk '$1 == "99%" { print $2 }' "$WORK/wrk.out")")
  cpu=$(awk -v t="$ticks" -v hz="$(getconf CLK_TCK)" '/ requests in / { printf "%.2f", t / hz * 1e6 / $1 }' "$WORK/wrk.out")
  echo "$rate $p50 $p99 $cpu"
}
run_wrk bare bare 10s >/dev/null
run_wrk ping ping 10s >/dev/null
run_wrk assignment assign 10s >/dev/null
declare -A rate p50 p99 cpu
for round in 1 2; do
  for name in bare ping assign; do
    read -r r a b c <<<"$(run_wrk "$name" "$name" "$DURATION")"
    printf 'http %-7s round %d  %10s req/s  p50 %6s ms  p99 %6s ms  service CPU %6s us/request  (wrk -t%s -c%s -d%s)\n' \
      "$name" "$round" "$(printf "%.0f" "$r")" "$a" "$b" "$c" "$THREADS" "$CONNECTIONS" "$DURATION"
    rate[$name]="${rate[$name]:-} $r"; p50[$name]="${p50[$name]:-} $a"; p99[$name]="${p99[$name]:-} $b"
    cpu[$name]="${cpu[$name]:-} $c"
  done
done
mean() { awk '{ s = 0; for (i = 1; i <= NF; i++) s += $i; printf "%.2f", s / NF }' <<<"$1"; }
rb=$(mean "${rate[bare]}"); rp=$(mean "${rate[ping]}"); ra=$(mean "${rate[assign]}")
lb=$(mean "${p99[bare]}"); lp=$(mean "${p99[ping]}"); la=$(mean "${p99[assign]}")
cb=$(mean "${cpu[bare]}"); cp=$(mean "${cpu[ping]}"); ca=$(mean "${cpu[assign]}")
awk -v rb="$rb" -v rp="$rp" -v ra="$ra" -v lb="$lb" -v lp="$lp" -v la="$la" -v mb="$(mean "${p50[bare]}")" \
    -v mp="$(mean "${p50[ping]}")" -v ma="$(mean "${p50[assign]}")" -v cache="${TOKEN_CACHE_SIZE:-10000}" \
    -v cb="$cb" -v cp="$cp" -v ca="$ca" 'BEGIN {
  printf "http summary (mean of 2 rounds, token cache size %s): bare %.0f req/s p50 %.2f ms p99 %.2f ms | authenticated ping %.0f req/s p50 %.2f ms p99 %.2f ms | assignment %.0f req/s p50 %.2f ms p99 %.2f ms\n", cache, rb, mb, lb, rp, mp, lp, ra, ma, la
  printf "http ratio: authenticated ping = %.1f %% of bare, p99 %.2fx (the token)\n", 100 * rp / rb, lp / lb
  printf "http ratio: assignment rate = %.1f %% of bare (target >= 80 %%: %s), p99 = %.2fx bare (target <= 1.5x: %s)\n",
    100 * ra / rb, (ra >= 0.8 * rb ? "met" : "NOT met"), la / lb, (la <= 1.5 * lb ? "met" : "NOT met")
  # for benchmarks/run-all.sh: name|value|unit|limit|ratio
  printf "RESULT|assignment over HTTP (GET .../assignment)|%.0f|req/s|>= 80 %% of bare GET /ping, %.0f req/s|%.1f %%\n", ra, rb, 100 * ra / rb
  printf "RESULT|assignment over HTTP, p99|%.2f|ms|<= 1.5x bare p99, %.2f ms|%.2fx\n", la, lb, la / lb
  # wrk shares the two cores: the service CPU per request says what the service itself spends, whatever wrk takes
  printf "http service CPU per request: bare %.1f us, authenticated ping %.1f us, assignment %.1f us: assignment at %.1f %% of the bare rate on equal CPU\n", cb, cp, ca, 100 * cb / ca
  printf "RESULT|authenticated ping over HTTP|%.0f|req/s|bare GET /ping, %.0f req/s|%.1f %%\n", rp, rb, 100 * rp / rb
  printf "RESULT|assignment, experiment-service CPU per request|%.1f|us|bare GET /ping %.1f us|%.1f %%\n", ca, cb, 100 * cb / ca }'
fi
[ "${SKIP_RESULTS:-0}" != 1 ] || { say "load average $(cut -d' ' -f1-3 /proc/loadavg) at the end"; exit 0; }

# --- 3. results over UNITS units -------------------------------------------------------------------------------
METRIC="${RESULTS_METRIC:-BINOMIAL}"
if [ "$METRIC" = RATIO ]; then
  experiment bench-results '{"name": "revenue", "type": "RATIO", "denominator": "sessions", "direction": "INCREASE",
                             "minimumDetectableEffect": '"$MDE"', "baselineMean": 10, "baselineStdDev": 20}'
  metric_arg=RATIO
elif [ "$METRIC" = QUANTILE ]; then
  experiment bench-results '{"name": "latency", "type": "QUANTILE", "quantile": 0.9, "direction": "DECREASE",
                             "minimumDetectableEffect": '"$MDE"', "baselineMean": 300, "baselineStdDev": 600}'
  metric_arg=QUANTILE
else
  # BANDIT=1: a multi-armed bandit (the weights stay 50/50 here: the clock is a day, and reweighing is timed below).
  experiment bench-results "" "$([ "${BANDIT:-0}" = 1 ] && echo '"bandit": {"burnInUnits": 100, "updateEvery": "P1D"}, ')"
  metric_arg=
fi
# The load generator builds every batch body before sending (about 0.6 GB per million units, twice that for RATIO).
loader_heap=$(( UNITS > 1000000 ? (UNITS / 1000000 + 1) * 700 : 1024 ))
[ "$METRIC" = RATIO ] && loader_heap=$(( loader_heap * 2 )) || true
java -Xmx"${loader_heap}m" -XX:+UseSerialGC -cp "$CP" io.refinery.bench.ExperimentBench load "$URL" "$ingest" bench-results \
  control,treatment "$UNITS" 4 $metric_arg
times=()
for i in 1 2 3 4 5 6 7 8 9; do
  t=$(curl -sS -o "$WORK/results.json" -w '%{http_code} %{time_total}' "$URL/api/v1/experiments/bench-results/results" \
    -H "Authorization: Bearer $viewer")
  [ "${t%% *}" = 200 ] || { cat "$WORK/results.json" >&2; die "results answered ${t%% *}"; }
  [ "$i" -gt 2 ] && times+=("${t##* }")
done
sorted=$(printf '%s\n' "${times[@]}" | sort -n)
units_seen=$(grep -o '"units":[0-9]*' "$WORK/results.json" | head -2 | cut -d: -f2 | paste -sd+ | bc)
awk -v m="$METRIC" -v med="$(sed -n 4p <<<"$sorted")" -v fast="$(head -1 <<<"$sorted")" -v u="$units_seen" 'BEGIN {
  printf "results (%s): %d units: median %.1f ms, fastest %.1f ms per GET .../results (curl, 7 calls after 2 warm-ups; target < 200 ms: %s)\n",
    m, u, med * 1000, fast * 1000, (med < 0.2 ? "met" : "NOT met")
  printf "RESULT|experiment results over %d units, %s (median GET)|%.1f|ms|< 200 ms|%.2fx\n", u, m, med * 1000, med / 0.2 }'
say "answer: $(head -c 600 "$WORK/results.json")..."
# Segment analysis is computed on request from the units (one aggregate over them), unlike results: its cost grows.
seg_times=()
for i in 1 2 3 4; do
  t=$(curl -sS -o "$WORK/segments.json" -w '%{http_code} %{time_total}' \
    "$URL/api/v1/experiments/bench-results/segments?dimension=device" -H "Authorization: Bearer $viewer")
  [ "${t%% *}" = 200 ] || { cat "$WORK/segments.json" >&2; die "segments answered ${t%% *}"; }
  [ "$i" -gt 1 ] && seg_times+=("${t##* }")
done
seg_median=$(printf '%s\n' "${seg_times[@]}" | sort -n | sed -n 2p)
awk -v m="$METRIC" -v med="$seg_median" -v u="$units_seen" 'BEGIN {
  printf "segments (%s): %d units, 3 devices: median %.1f ms per GET .../segments?dimension=device (3 calls after a warm-up)\n", m, u, med * 1000
  printf "RESULT|experiment segments over %d units, %s (median GET)|%.1f|ms|-|-\n", u, m, med * 1000 }'
say "segments: $(head -c 400 "$WORK/segments.json")..."

# --- 5. interactions: a second experiment on the same system and the same units -------------------------------
if [ "${SKIP_INTERACTIONS:-0}" != 1 ]; then
experiment bench-other
java -Xmx"${loader_heap}m" -XX:+UseSerialGC -cp "$CP" io.refinery.bench.ExperimentBench load "$URL" "$ingest" bench-other \
  control,treatment "$UNITS" 4
int_times=()
for i in 1 2 3 4; do
  t=$(curl -sS -o "$WORK/interactions.json" -w '%{http_code} %{time_total}' \
    "$URL/api/v1/experiments/bench-results/interactions" -H "Authorization: Bearer $viewer")
  [ "${t%% *}" = 200 ] || { cat "$WORK/interactions.json" >&2; die "interactions answered ${t%% *}"; }
  [ "$i" -gt 1 ] && int_times+=("${t##* }")
done
awk -v med="$(printf '%s\n' "${int_times[@]}" | sort -n | sed -n 2p)" -v u="$units_seen" 'BEGIN {
  printf "interactions: %d units shared with a second experiment: median %.1f ms per GET .../interactions (3 calls after a warm-up)\n", u, med * 1000
  printf "RESULT|experiment interactions over %d shared units (median GET)|%.1f|ms|-|-\n", u, med * 1000 }'
say "interactions: $(head -c 500 "$WORK/interactions.json")..."
fi

# --- 6. BANDIT=1: recomputing the bandit's weights (results, then P(best) by quadrature, then the stored version)
if [ "${BANDIT:-0}" = 1 ]; then
re_times=()
for i in 1 2 3 4; do
  t=$(curl -sS -X POST -o "$WORK/reweigh.json" -w '%{http_code} %{time_total}' \
    "$URL/api/v1/experiments/bench-results/bandit/reweigh" -H "Authorization: Bearer $admin")
  [ "${t%% *}" = 200 ] || { cat "$WORK/reweigh.json" >&2; die "reweigh answered ${t%% *}"; }
  [ "$i" -gt 1 ] && re_times+=("${t##* }")
done
awk -v med="$(printf '%s\n' "${re_times[@]}" | sort -n | sed -n 2p)" -v u="$units_seen" 'BEGIN {
  printf "bandit: %d units: median %.1f ms per POST .../bandit/reweigh (3 calls after a warm-up)\n", u, med * 1000
  printf "RESULT|bandit reweigh over %d units (median POST)|%.1f|ms|-|-\n", u, med * 1000 }'
say "bandit: $(grep -o '"current":{[^}]*}' "$WORK/reweigh.json" | head -c 400)..."
fi
say "load average $(cut -d' ' -f1-3 /proc/loadavg) at the end"
