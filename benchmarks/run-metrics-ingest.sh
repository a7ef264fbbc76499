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
#      as the rows (a count(*) scan would compete with the ingestion); after all runs, count(*) of the table must
#      equal what the rollups count.
#   1b. Kafka -> PostgreSQL, backlog: N more records produced while ingestion from Kafka is paused (the operators'
#      switch PUT /api/v1/ingestion/kafka), then resumed; obs/s from the first batch committed after the resume to
#      the last. This is how the consume limit (3.) is measured too: a topic already full, nothing else producing.
#      The clock starts at the first batch seen committed, so that batch is not counted: the line reports N less
#      the first batch (e.g. 185,296 of 200,000 when the first batch held 14,704), over the time the rest took.
#   2. HTTP: N observations POSTed to /api/v1/observations in batches of 10,000 by HTTP_CLIENTS clients (4)
#   3. limit: raw consume rate of the same topic on the same broker (org.apache.kafka.tools.ConsumerPerformance)
#   4. limit: PostgreSQL binary COPY (the format metrics-service writes) of N such rows into metrics.observations
#      itself, rolled back, the best of 3 (leaves 3N dead rows for VACUUM); printed next to it, the stricter COPY of
#      the same rows into a fresh, empty scratch table like metrics.observations (best of 3 binary, and CSV)
# Steps 1, 1b and 2 run RUNS times (3), one after the other; around each, the CPU time metrics-service and PostgreSQL
# used (from /proc) is divided by N: microseconds of CPU per observation, a figure the machine's load does not move.
# Then a summary: per path min / median / max obs/s over the runs, the median against min(limit) with issue 23's
# targets (backlog drain and HTTP >= 80 %, live >= 60 %), the CPU per observation, and the load average.
#
# Observations go to the AI system 'bench-reco' (registered if needed) with ids prefixed by a fresh run id,
# and stay stored. Everything else the run creates (consumer group, scratch schema 'bench') is removed.
# Environment: RUNS (3), HTTP_CLIENTS (4), SPREAD (how far back observedAt reaches, ISO-8601; PT10M = live stream,
# P2D = backfill), SKIP_BUILD=1 to reuse benchmarks/target, WARMUP_ROUNDS (3): rounds of N observations through the
# Kafka backlog and N through HTTP before anything is measured, so the JIT has compiled both paths (a service
# just started drained a backlog at 65k obs/s, the same one at 110k once warm; after two rounds the service's CPU per
# observation was still falling from run to run); their numbers are printed, not used.
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
# shellcheck source=benchmarks/cpu-usage.sh
source "$ROOT/benchmarks/cpu-usage.sh"
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
WARMUP_ROUNDS="${WARMUP_ROUNDS:-3}"
RUNS="${RUNS:-3}"
[[ "$RUNS" =~ ^[1-9][0-9]*$ ]] || die "RUNS must be a positive number"
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

# --- 1, 1b, 2: the three ingestion paths, RUNS times each (min / median / max) -------------------------------
# Around each measurement: metrics-service's CPU time (user + system, from /proc) and PostgreSQL's (all its
# processes), divided by N: the CPU each observation costs, whatever else the machine is doing meanwhile.
METRICS_PID=$(cat "${REFINERY_HOME:-$ROOT/.refinery}/pids/metrics.pid")
measure() {  # PATH (kafka | backlog | http) RUN, then the measurement's own options
  local path=$1 run=$2 s0 p0 s1 p1
  shift 2
  checkpoint
  s0=$(_cpu_of "$METRICS_PID"); p0=$(cpu_snapshot | awk '$1 == "postgres" { print $2 }')
  "${JAVA[@]}" io.refinery.bench.Main "$path" "${common[@]}" --run-id "${RUN_ID}m$run" --results "$WORK/run$run.sh" "$@" \
    2>"$WORK/$path.err" || { cat "$WORK/$path.err" >&2; die "$path measurement (run $run) failed"; }
  s1=$(_cpu_of "$METRICS_PID"); p1=$(cpu_snapshot | awk '$1 == "postgres" { print $2 }')
  awk -v k="$path" -v n="$N" -v s="$(awk -v a="$s0" -v b="$s1" 'BEGIN { print b - a }')" \
    -v p="$(awk -v a="$p0" -v b="$p1" 'BEGIN { print b - a }')" 'BEGIN {
      printf "  CPU per observation: metrics-service %.2f us, PostgreSQL %.2f us (%.1f s and %.1f s for %d)\n",
        1e6 * s / n, 1e6 * p / n, s, p, n
      printf "%s_service_us=%.2f\n%s_postgres_us=%.2f\n", k, 1e6 * s / n, k, 1e6 * p / n > "/dev/stderr" }' \
    2>>"$WORK/run$run.sh"
}
LOAD_START=$(cut -d' ' -f1-3 /proc/loadavg)
for ((run = 1; run <= RUNS; run++)); do
  say "measured run $run of $RUNS (load average $(cut -d' ' -f1-3 /proc/loadavg))"
  : > "$WORK/run$run.sh"
  measure kafka "$run"                                   # 1. Kafka -> PostgreSQL, live
  measure backlog "$run" --token "$admin"                # 1b. a backlog produced while paused, drained once resumed
  measure http "$run" --token "$ingest" --clients "$CLIENTS"   # 2. HTTP batches
done
LOAD_END=$(cut -d' ' -f1-3 /proc/loadavg)

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

# --- every row is there: the table against its rollups, once, outside every measurement (a full count costs
# PostgreSQL more CPU than a measurement's ingestion) ---------------------------------------------------------------
rows=$(psql -h 127.0.0.1 -p 5432 -U postgres -d "$DB" -Atc "select count(*) from metrics.observations where system_key = '$SYSTEM'")
rolled=$(psql -h 127.0.0.1 -p 5432 -U postgres -d "$DB" -Atc \
  "select coalesce(sum(count), 0) from metrics.rollups where system_key = '$SYSTEM' and step = 'P1D' and segment = ''")
[ "$rows" = "$rolled" ] || die "metrics.observations holds $rows rows of $SYSTEM, its daily rollups count $rolled"
say "check: metrics.observations holds $rows rows of $SYSTEM, as many as its daily rollups count"

# --- summary ------------------------------------------------------------------------------------------------
# shellcheck disable=SC1090
source "$RESULTS"
# One line per path: min / median / max over the runs, the median against the limit, and its CPU per observation.
cat "$WORK"/run[0-9]*.sh | awk -v c="$consume_rate" -v ps="$copy_same_table_rate" -v p="$copy_rate" -v pc="$copy_csv_rate" \
    -v n="$N" -v runs="$RUNS" -v l0="$LOAD_START" -v l1="$LOAD_END" -F= '
  function median(a, m,   t, i, j, x) { for (i = 1; i <= m; i++) t[i] = a[i]
    for (i = 2; i <= m; i++) { x = t[i]; for (j = i - 1; j >= 1 && t[j] > x; j--) t[j + 1] = t[j]; t[j + 1] = x }
    lo = t[1]; hi = t[m]; return (m % 2) ? t[(m + 1) / 2] : (t[m / 2] + t[m / 2 + 1]) / 2 }
  { v[$1, ++count[$1]] = $2 }
  function line(label, key, cpu, target, name,   a, i, m, med, s, pg) {
    m = count[key]; for (i = 1; i <= m; i++) a[i] = v[key, i]; med = median(a, m); mn = lo; mx = hi
    for (i = 1; i <= m; i++) a[i] = v[cpu "_service_us", i]; s = median(a, m)
    for (i = 1; i <= m; i++) a[i] = v[cpu "_postgres_us", i]; pg = median(a, m)
    printf "  %-28s %9.0f %9.0f %9.0f obs/s   %5.1f %% (target >= %d %%: %s)   %5.2f us   %5.2f us\n", label, mn, med, mx,
      100 * med / lim, target, (100 * med / lim >= target) ? "met" : "NOT met", s, pg
    result[name] = sprintf("RESULT|%s|%.0f|obs/s|%s %.0f/s, >= %d %%|%.1f %%", name, med, which, lim, target, 100 * med / lim)
    cpuline[name] = sprintf("RESULT|%s, metrics-service CPU per observation|%.2f|us|-|-", name, s)
    return med }
  END {
    lim = (c < ps) ? c : ps; which = (c < ps) ? "kafka consume" : "postgres COPY into metrics.observations"
    printf "summary (N=%d, %d runs, load average %s at the start of the runs and %s at the end)\n", n, runs, l0, l1
    printf "limit: %s, %.0f rows/s (kafka consume %.0f records/s; binary COPY into a fresh empty table %.0f, CSV %.0f)\n",
      which, lim, c, p, pc
    printf "  %-28s %9s %9s %9s         %-30s  %-8s   %s\n", "path", "min", "median", "max", "median / limit", "service", "postgres"
    med_k = line("Kafka -> PostgreSQL, live", "kafka_ingest_rate", "kafka", 60, "metrics ingestion, Kafka live")
    med_b = line("Kafka backlog drain", "kafka_backlog_rate", "backlog", 80, "metrics ingestion, Kafka backlog drain")
    med_h = line("HTTP, batches of 10,000", "http_ingest_rate", "http", 80, "metrics ingestion, HTTP batches of 10,000")
    printf "  (service, postgres: CPU per observation, median; against a fresh empty table the medians reach %.1f %%, %.1f %%, %.1f %%)\n",
      100 * med_k / p, 100 * med_b / p, 100 * med_h / p
    # for benchmarks/run-all.sh: name|value|unit|limit|ratio
    print result["metrics ingestion, Kafka live"]; print result["metrics ingestion, Kafka backlog drain"]
    print result["metrics ingestion, HTTP batches of 10,000"]
    print cpuline["metrics ingestion, Kafka live"]; print cpuline["metrics ingestion, Kafka backlog drain"]
    print cpuline["metrics ingestion, HTTP batches of 10,000"] }'
