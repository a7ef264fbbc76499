#!/usr/bin/env bash
# Benchmark (not a test): feedback items analysed and stored by feedback-service, over HTTP and over Kafka.
#
#   bin/refinery up                            # once; the services and the broker must be running
#   benchmarks/run-feedback.sh [N]             # N items per measurement (default 50000)
#
# Items come from templates (io.refinery.bench.FeedbackBench: four of seven tails carry an e-mail, phone, card or
# IBAN; the others nothing, a "thanks" or an order number and date that must be kept), so every item goes through
# redaction, sentiment and themes. Each measurement follows a warm-up of WARMUP (20000) items the same way:
#   1. HTTP: N items POSTed to /api/v1/feedback in batches of 1,000 by HTTP_CLIENTS (4) clients; items/s from the first
#      call to the last answer (every answer 202 with all accepted: stored).
#   2. Kafka: N records produced to refinery.feedback.submissions, one item JSON per record (the HTTP item's shape),
#      keyed by the systemKey, acks=all, while the service's batch consumer (up to 1,000 records a poll) stores them;
#      items/s from the first send until all N are counted in feedback.feedback_items (read-only SQL, every 100 ms).
# Then no stored item of the system may hold the templates' PII (@, 7946, 4111, WEST) and the order numbers must
# have survived. Items go to the AI system 'bench-feedback' (CHATBOT, registered if needed) and stay stored.
# Target (BENCHMARKS.md): >= 2,000 items/s. CPU time of each process during the run is printed.
# Environment: HTTP_CLIENTS (4), WARMUP (20000), SKIP_BUILD=1 to reuse benchmarks/target, REFINERY_HOME and
# REFINERY_DB_NAME / REFINERY_PG_* as for bin/refinery.
# Ends with RESULT|<name>|<value>|<unit>|<limit or target>|<ratio> lines.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
N="${1:-${N:-50000}}"
WARMUP="${WARMUP:-20000}"
CLIENTS="${HTTP_CLIENTS:-4}"
TARGET=2000
SYSTEM=bench-feedback
BOOTSTRAP=127.0.0.1:9092
# shellcheck source=benchmarks/suite-bench.sh
source "$ROOT/benchmarks/suite-bench.sh"
[[ "$N" =~ ^[1-9][0-9]*$ ]] || { echo "usage: $0 [N]  (N: a positive number of items)" >&2; exit 2; }
[[ "$WARMUP" =~ ^[0-9]+$ ]] || { echo "WARMUP must be a number" >&2; exit 2; }
# shellcheck source=benchmarks/cpu-usage.sh
source "$ROOT/benchmarks/cpu-usage.sh"

WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

require_suite feedback oversight
bench_classpath
JAVA=(java -Xms512m -Xmx512m -XX:+UseSerialGC -Dbench.db.user="$PG_USER" -Dbench.db.password="$PGPASSWORD" -cp "$CP")

admin=$("$ROOT/bin/refinery" token admin --sub bench --hours 2)
viewer=$("$ROOT/bin/refinery" token viewer --sub bench --hours 2)
ingest=$("$ROOT/bin/refinery" token ingest --sub bench --hours 2)
register_system "$SYSTEM" "Benchmark support bot" CHATBOT LOW "$admin"
start=$SECONDS
until curl -fs -o /dev/null "http://127.0.0.1:8083/api/v1/systems/$SYSTEM" -H "Authorization: Bearer $viewer"; do
  [ $((SECONDS - start)) -lt 60 ] || die "$SYSTEM not known to feedback-service after 60 s"
  sleep 0.2
done

cpu_begin "$WORK"
say "N=$N items per measurement (warm-up $WARMUP), $CLIENTS HTTP clients, $(nproc) cores, load average $_cpu_load_start"

# --- 1. HTTP ------------------------------------------------------------------------------------------------------
if [ "$WARMUP" -gt 0 ]; then
  "${JAVA[@]}" io.refinery.bench.FeedbackBench http http://127.0.0.1:8083 "$ingest" "$SYSTEM" "$WARMUP" "$CLIENTS" \
    2>"$WORK/err" | sed 's/^/  warm-up: /' || { cat "$WORK/err" >&2; die "HTTP warm-up failed"; }
fi
"${JAVA[@]}" -Dbench.results="$WORK/results.sh" io.refinery.bench.FeedbackBench http http://127.0.0.1:8083 "$ingest" \
  "$SYSTEM" "$N" "$CLIENTS" 2>"$WORK/err" || { cat "$WORK/err" >&2; die "HTTP measurement failed"; }

# --- 2. Kafka (its warm-up round inside) ------------------------------------------------------------------------------
"${JAVA[@]}" -Dbench.results="$WORK/results.sh" io.refinery.bench.FeedbackBench kafka "$BOOTSTRAP" \
  "jdbc:postgresql://$PG_HOST:$PG_PORT/$DB_NAME" "$SYSTEM" "$N" "$WARMUP" 2>"$WORK/err" \
  || { cat "$WORK/err" >&2; die "Kafka measurement failed"; }

cpu_end "$WORK" "warm-ups included"

# --- no PII stored --------------------------------------------------------------------------------------------------
read -r stored leaked kept <<<"$(psql -h "$PG_HOST" -p "$PG_PORT" -U "$PG_USER" -d "$DB_NAME" -AtF ' ' -c \
  "select count(*), count(*) filter (where text ~ '@|7946|4111|WEST' or source::text ~ '@|7946|4111|WEST'),
          count(*) filter (where text like '%#123456%') from feedback.feedback_items where system_key = '$SYSTEM'")"
say "feedback.feedback_items of $SYSTEM: $stored items, $leaked holding the templates' PII, $kept with the order number kept"
[ "$leaked" = 0 ] || die "$leaked stored items still hold PII"
[ "$kept" -gt 0 ] || die "no stored item kept its order number: redaction removed what it must keep"

# shellcheck disable=SC1091
source "$WORK/results.sh"
ratio() { awk -v r="$1" -v t="$TARGET" 'BEGIN { printf "%.2fx", r / t }'; }
echo "RESULT|feedback over HTTP|$(printf '%.0f' "$feedback_http_rate")|items/s|2000 items/s target|$(ratio "$feedback_http_rate")"
echo "RESULT|feedback over Kafka|$(printf '%.0f' "$feedback_kafka_rate")|items/s|2000 items/s target|$(ratio "$feedback_kafka_rate")"
echo "RESULT|feedback items stored with PII|$leaked|items|0 required|-"
