#!/usr/bin/env bash
# Every benchmark, one after the other, on a throwaway database and broker, then one summary table (issue 20).
#
#   benchmarks/run-all.sh                 # about 25 minutes on 2 cores
#   QUICK=1 benchmarks/run-all.sh         # smaller sizes, about 12 minutes: a smoke run of the whole set
#
# 1. A suite of its own: `bin/refinery up` with a fresh REFINERY_HOME and database (refinery_bench_<pid>), so the
#    broker on 127.0.0.1:9092 and the four services on 8081-8084 are new and empty. On it:
#    metrics ingestion (Kafka live, backlog, HTTP, next to the COPY and consume limits), drift samples (Kafka and
#    HTTP), drift compare per method, feedback items (HTTP and Kafka), review decisions end to end. Then it is
#    stopped and its database dropped.
# 2. experiment-service in its own world (database, broker on 19092, service on 18082): assignment next to a bare
#    endpoint, and results over UNITS units.
# 3. Start time and RSS per service, on another throwaway suite.
# Each script prints `RESULT|name|value|unit|limit|ratio` lines; this one gathers them into a Markdown table with the
# machine, the load average and the commit. The local run must be down (the ports are the same).
# Environment: INGEST_N (200000), SAMPLES_N (100000), COMPARE_N (100000), FEEDBACK_N (50000), REVIEWS_N (2000),
# UNITS (1000000), STARTS (3), SKIP_BUILD=1,
# ONLY="ingest samples compare feedback reviews experiment startup" (a subset, in that order).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
if [ "${QUICK:-0}" = 1 ]; then
  : "${INGEST_N:=50000}" "${SAMPLES_N:=20000}" "${COMPARE_N:=10000}" "${FEEDBACK_N:=20000}" "${REVIEWS_N:=500}"
  : "${UNITS:=100000}" "${STARTS:=1}" "${WARMUP:=200}"
  export WARMUP   # the feedback and review scripts' warm-up rounds
fi
INGEST_N="${INGEST_N:-200000}"; SAMPLES_N="${SAMPLES_N:-100000}"; COMPARE_N="${COMPARE_N:-100000}"
FEEDBACK_N="${FEEDBACK_N:-50000}"; REVIEWS_N="${REVIEWS_N:-2000}"; UNITS="${UNITS:-1000000}"; STARTS="${STARTS:-3}"
ONLY="${ONLY:-ingest samples compare feedback reviews experiment startup}"
PG=(psql -h "${REFINERY_PG_HOST:-127.0.0.1}" -p "${REFINERY_PG_PORT:-5432}" -U "${REFINERY_PG_USER:-postgres}")

say() { printf '[run-all] %s\n' "$*"; }
die() { printf '[run-all] error: %s\n' "$*" >&2; exit 1; }
wanted() { [[ " $ONLY " == *" $1 "* ]]; }

for port in 8081 8082 8083 8084 9092; do
  ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null || die "port $port is in use: bring the local run down first (bin/refinery down)"
done
command -v wrk >/dev/null || die "wrk is missing: apt-get install -y wrk"

OUT="$(mktemp -d /tmp/refinery-bench-all-XXXXXX)"
LOG="$OUT/log"
SUITE_HOME="$OUT/suite"
SUITE_DB="refinery_bench_$$"
suite_up=0
cleanup() {
  if [ "$suite_up" = 1 ]; then
    REFINERY_HOME="$SUITE_HOME" REFINERY_DB_NAME="$SUITE_DB" bin/refinery down >/dev/null 2>&1 || true
  fi
  "${PG[@]}" -d postgres -qc "drop database if exists $SUITE_DB with (force)" >/dev/null 2>&1 || true
}
trap cleanup EXIT

say "$(nproc) cores, $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo), $(java -version 2>&1 | head -1)"
say "commit $(git rev-parse --short HEAD 2>/dev/null || echo '?'), load average $(cut -d' ' -f1-3 /proc/loadavg) at the start"
say "every script's own output: $LOG"
START_LOAD="$(cut -d' ' -f1-3 /proc/loadavg)"
STARTED=$SECONDS

if [ "${SKIP_BUILD:-0}" != 1 ]; then
  say "building the services and the benchmarks"
  ./mvnw -B -q -Pbench install -DskipTests >>"$LOG" 2>&1 || { tail -40 "$LOG" >&2; die "build failed"; }
fi
export SKIP_BUILD=1

step() {  # name command...: runs one benchmark script, its output into the log, its RESULT lines kept
  local name=$1; shift
  say "$name: $*"
  local t0=$SECONDS
  if ! "$@" >"$OUT/$name.out" 2>&1; then
    cat "$OUT/$name.out" >>"$LOG"
    tail -30 "$OUT/$name.out" >&2
    die "$name failed (whole output in $LOG)"
  fi
  cat "$OUT/$name.out" >>"$LOG"
  grep '^RESULT|' "$OUT/$name.out" >>"$OUT/results" || true
  say "$name: done in $((SECONDS - t0)) s, $(grep -c '^RESULT|' "$OUT/$name.out" || true) figures"
}
: >"$OUT/results"

# --- 1. on a throwaway suite ------------------------------------------------------------------------------------
if wanted ingest || wanted samples || wanted compare || wanted feedback || wanted reviews; then
  say "starting a throwaway suite (database $SUITE_DB, home $SUITE_HOME)"
  suite_up=1
  REFINERY_HOME="$SUITE_HOME" REFINERY_DB_NAME="$SUITE_DB" bin/refinery up >>"$LOG" 2>&1 \
    || { tail -30 "$LOG" >&2; die "bin/refinery up failed"; }
  export REFINERY_HOME="$SUITE_HOME" REFINERY_DB_NAME="$SUITE_DB"
  ! wanted ingest || step ingest benchmarks/run-metrics-ingest.sh "$INGEST_N"
  ! wanted samples || step samples benchmarks/run-drift-samples.sh "$SAMPLES_N"
  ! wanted compare || step compare benchmarks/run-drift-compare.sh "$COMPARE_N"
  ! wanted feedback || step feedback benchmarks/run-feedback.sh "$FEEDBACK_N"
  ! wanted reviews || step reviews benchmarks/run-oversight-reviews.sh "$REVIEWS_N"
  bin/refinery down >>"$LOG" 2>&1 || true
  suite_up=0
  unset REFINERY_HOME REFINERY_DB_NAME
  "${PG[@]}" -d postgres -qc "drop database if exists $SUITE_DB with (force)" >/dev/null
fi

# --- 2. experiment-service in its own world -----------------------------------------------------------------
! wanted experiment || step experiment benchmarks/run-experiment-service.sh "$UNITS"

# --- 3. start time and RSS ------------------------------------------------------------------------------------
! wanted startup || step startup benchmarks/run-startup.sh "$STARTS"

# --- summary ------------------------------------------------------------------------------------------------
END_LOAD="$(cut -d' ' -f1-3 /proc/loadavg)"
{
  echo
  echo "Summary: $(date -u +%Y-%m-%dT%H:%MZ), commit $(git rev-parse --short HEAD 2>/dev/null || echo '?'), $(nproc) cores," \
    "load average $START_LOAD at the start and $END_LOAD at the end, $(( (SECONDS - STARTED) / 60 )) min"
  echo
  echo "| figure | value | unit | limit or target | ratio |"
  echo "|---|---:|---|---|---:|"
  awk -F'|' '{ printf "| %s | %s | %s | %s | %s |\n", $2, $3, $4, $5, $6 }' "$OUT/results"
} | tee "$OUT/summary.md"
say "summary also in $OUT/summary.md"
