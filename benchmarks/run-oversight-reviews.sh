#!/usr/bin/env bash
# Benchmark (not a test): review decisions per second on oversight-service, end to end.
#
#   bin/refinery up                                   # once; the services and the broker must be running
#   benchmarks/run-oversight-reviews.sh [N]           # N reviews in the measured round (default 2000)
#
# A round of N reviews (io.refinery.bench.ReviewBench), after a warm-up round of WARMUP (1000) the same way:
#   1. submissions: N requests for oversight POSTed one per call to /api/v1/reviews (role ingest, sub bench-submitter)
#      by HTTP_CLIENTS (4) concurrent clients; each must land PENDING in REVIEW_AND_APPROVAL with one approval (the
#      AI system 'bench-oversight' has a MEDIUM risk profile and no policy);
#   2. decisions: each decided by POST /api/v1/reviews/{id}/decision (role reviewer, sub bench-reviewer) by
#      HTTP_CLIENTS clients, 8 in 10 APPROVE, 1 in 10 REJECT, 1 in 10 MODIFY; each decision writes the review, a
#      REVIEW_DECIDED audit entry and its event to the outbox in one transaction;
#   3. end to end: a Kafka consumer in the load generator reads refinery.oversight.decisions; decisions/s from the
#      first decision call until the last review's io.refinery.oversight.decision.made.v1 is read, and the latency
#      from each decision call to its event. Every decided review's event must arrive exactly once with the outcome
#      decided, else the run fails.
# While they run, pg_stat_activity is sampled every 50 ms (what the database sessions wait for). Then (read-only SQL)
# every review of a round must have exactly one REVIEW_SUBMITTED and one REVIEW_DECIDED audit entry, and
# GET /api/v1/audit/verify must answer OK. CPU time of each process during the run is printed, to tell what limits
# the rate.
# Each decision counts the decided reviews of its system and action type in the relaxation window (30 days), under the
# audit log's lock, so its cost grows with that track (BENCHMARKS.md). By default each run uses an action type of its
# own (REPRICE_<run id>), so every run starts from the same empty track (plus its warm-up's decisions); set
# ACTION_TYPE to a fixed one to measure a grown track. Reviews stay stored.
# Environment: HTTP_CLIENTS (4), WARMUP (1000), ACTION_TYPE, SKIP_BUILD=1 to reuse benchmarks/target, REFINERY_HOME
# and REFINERY_DB_NAME / REFINERY_PG_* as for bin/refinery.
# Ends with RESULT|<name>|<value>|<unit>|<limit or target>|<ratio> lines.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
N="${1:-${N:-2000}}"
WARMUP="${WARMUP:-1000}"
CLIENTS="${HTTP_CLIENTS:-4}"
SYSTEM=bench-oversight
# shellcheck source=benchmarks/suite-bench.sh
source "$ROOT/benchmarks/suite-bench.sh"
RUN_ID="rv$(date -u +%y%m%d%H%M%S)"
ACTION_TYPE="${ACTION_TYPE:-REPRICE_${RUN_ID^^}}"
[[ "$N" =~ ^[1-9][0-9]*$ ]] || { echo "usage: $0 [N]  (N: a positive number of reviews)" >&2; exit 2; }
[[ "$WARMUP" =~ ^[0-9]+$ ]] || { echo "WARMUP must be a number" >&2; exit 2; }
# shellcheck source=benchmarks/cpu-usage.sh
source "$ROOT/benchmarks/cpu-usage.sh"

WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

require_suite oversight
bench_classpath

admin=$("$ROOT/bin/refinery" token admin --sub bench --hours 2)
ingest=$("$ROOT/bin/refinery" token ingest --sub bench-submitter --hours 2)
reviewer=$("$ROOT/bin/refinery" token reviewer --sub bench-reviewer --hours 2)
register_system "$SYSTEM" "Benchmark pricing" PRICING MEDIUM "$admin"  # MEDIUM at most: one reviewer decides

cpu_begin "$WORK"
say "run $RUN_ID: N=$N reviews of $ACTION_TYPE (warm-up $WARMUP), $CLIENTS clients, $(nproc) cores, load average $_cpu_load_start"
java -Xms256m -Xmx512m -XX:+UseSerialGC -cp "$CP" io.refinery.bench.ReviewBench --n "$N" --warmup "$WARMUP" \
  --clients "$CLIENTS" --run-id "$RUN_ID" --system "$SYSTEM" --action-type "$ACTION_TYPE" \
  --ingest-token "$ingest" --reviewer-token "$reviewer" --jdbc-url "jdbc:postgresql://$PG_HOST:$PG_PORT/$DB_NAME" \
  --db-user "$PG_USER" --db-password "$PGPASSWORD" --results "$WORK/results.sh" 2>"$WORK/bench.err" \
  || { cat "$WORK/bench.err" >&2; die "the review benchmark failed"; }
cpu_end "$WORK" "warm-up included"

# shellcheck disable=SC1091
source "$WORK/results.sh"
echo "RESULT|review submissions over HTTP|$(printf '%.0f' "$review_submit_rate")|submissions/s|-|-"
echo "RESULT|review decisions over HTTP|$(printf '%.0f' "$review_decide_rate")|decisions/s|-|-"
echo "RESULT|review decisions end to end|$(printf '%.0f' "$review_e2e_rate")|decisions/s|-|-"
echo "RESULT|review decision to event p50|$review_event_p50_ms|ms|-|-"
echo "RESULT|review decision to event p99|$review_event_p99_ms|ms|-|-"
