# Sourced by the benchmark scripts that run against a suite started by `bin/refinery up` (not run on its own).
# Needs ROOT (the repository) set. Gives:
#   say / die                         messages prefixed with [bench]
#   PG_HOST PG_PORT PG_USER PGPASSWORD DB_NAME   the suite's database, as bin/refinery reads them
#   require_suite SERVICE...          dies unless each service is ready and the broker runs
#   bench_classpath                   builds the benchmarks module unless SKIP_BUILD=1; sets CP
#   register_system KEY NAME KIND FINANCIAL_IMPACT ADMIN_TOKEN   registers an AI system on oversight-service
#                                     (409, already registered, is fine); its answer goes to $WORK/register.json

say() { printf '[bench] %s\n' "$*"; }
die() { printf '[bench] error: %s\n' "$*" >&2; exit 1; }

PG_HOST="${REFINERY_PG_HOST:-127.0.0.1}"
PG_PORT="${REFINERY_PG_PORT:-5432}"
PG_USER="${REFINERY_PG_USER:-postgres}"
export PGPASSWORD="${REFINERY_PG_PASSWORD:-}"
DB_NAME="${REFINERY_DB_NAME:-refinery}"

require_suite() {
  local status svc
  status="$("$ROOT/bin/refinery" status)"
  for svc in "$@"; do
    grep -Eq "^$svc +pid [0-9]+ +ready" <<<"$status" \
      || die "$svc-service is not ready; start the local run first with: bin/refinery up"$'\n'"$status"
  done
  grep -Eq '^kafka +pid [0-9]+ +running' <<<"$status" \
    || die "the Kafka broker is not running; start the local run first with: bin/refinery up"
}

bench_classpath() {
  if [ "${SKIP_BUILD:-0}" != 1 ]; then
    say "building (./mvnw -B -q -Pbench -pl benchmarks -am compile)"
    (cd "$ROOT" && ./mvnw -B -q -Pbench -pl benchmarks -am compile)
  fi
  [ -f "$ROOT/benchmarks/target/bench-classpath.txt" ] || die "benchmarks/target/bench-classpath.txt is missing"
  CP="$ROOT/benchmarks/target/classes:$(cat "$ROOT/benchmarks/target/bench-classpath.txt")"
}

register_system() {
  local key=$1 name=$2 kind=$3 financial=$4 admin=$5 code
  code=$(curl -sS -o "$WORK/register.json" -w '%{http_code}' -X POST http://127.0.0.1:8084/api/v1/systems \
    -H "Authorization: Bearer $admin" -H 'Content-Type: application/json' \
    -d "{\"key\":\"$key\",\"name\":\"$name\",\"kind\":\"$kind\",\"ownerTeam\":\"platform\",\"riskProfile\":{\"brandImpact\":\"LOW\",\"financialImpact\":\"$financial\",\"customerImpact\":\"LOW\"}}")
  case "$code" in
    200|201) say "registered AI system $key" ;;
    409) say "AI system $key already registered" ;;
    *) die "registering $key answered HTTP $code: $(cat "$WORK/register.json")" ;;
  esac
}
