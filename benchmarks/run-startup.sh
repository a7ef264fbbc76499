#!/usr/bin/env bash
# Benchmark (not a test): how fast each service is ready after a start, and how much memory it holds at idle.
#
#   benchmarks/run-startup.sh [ROUNDS]        # starts of each service (default 3)
#
# Starts the suite as `bin/refinery up` does, on a throwaway database and data folder (so the migrations have run
# once before the first measured start, as on any restart), then ROUNDS times for each service: stop it, start it with
# `bin/refinery start`, and take
#   ready   from the start command to the first UP of /q/health/ready (polled every 20 ms; includes JVM start)
#   quarkus the "started in" Quarkus logs (from the JVM's main to the end of Quarkus' startup)
#   cpu     CPU seconds (user + system) the process spent until ready: steadier than the wall time on a shared box
#   rss     VmRSS of the process after a warm-up (wrk -t1 -c8 -d5s on an authenticated list endpoint) and 10 s idle
#   classes the number of classes loaded at that point
# and prints min/median/max per service. Targets (issue 20): ready < 2 s, RSS < 250 MB at idle.
# First it does the same for the floor: benchmarks/startup-floor, the smallest Quarkus REST application (one endpoint
# and the health checks, same Quarkus and JVM options), built here if missing. It is what Quarkus itself needs on this
# machine, the limit the services' figures read against (as ingestion reads against a COPY).
# The local run must be down (ports 8081-8084 and 9092). Environment: REFINERY_EXTRA_JAVA_OPTS, passed to every
# service (a lever to measure, e.g. a CDS archive); APPCDS=1 first records one dynamic AppCDS archive per service
# (-XX:ArchiveClassesAtExit on a start, warm-up and stop) and measures the starts that use it; AOT=1 does the same with
# JDK 25's AOT cache (-XX:AOTCacheOutput, then -XX:AOTCache), with such a JDK first on the PATH.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
ROUNDS="${1:-3}"
[[ "$ROUNDS" =~ ^[1-9][0-9]*$ ]] || { echo "usage: $0 [ROUNDS]" >&2; exit 2; }
say() { printf '[startup] %s\n' "$*"; }
die() { printf '[startup] error: %s\n' "$*" >&2; exit 1; }
command -v wrk >/dev/null || die "wrk is missing: apt-get install -y wrk"
for p in 8081 8082 8083 8084 9092; do
  ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null || die "port $p is taken: stop the local run (bin/refinery down)"
done

export REFINERY_HOME; REFINERY_HOME="$(mktemp -d /tmp/refinery-startup-XXXXXX)"
export REFINERY_DB_NAME="refinery_startup_$$"
cleanup() {
  set +e
  "$ROOT/bin/refinery" down >/dev/null 2>&1
  psql -h 127.0.0.1 -U postgres -d postgres -qc "drop database if exists $REFINERY_DB_NAME with (force)" >/dev/null 2>&1
  rm -rf "$REFINERY_HOME"
}
trap cleanup EXIT

declare -A PORT=([metrics]=8081 [experiment]=8082 [feedback]=8083 [oversight]=8084)
declare -A LIST=([metrics]=/api/v1/rules [experiment]=/api/v1/experiments [feedback]=/api/v1/contradictions
                 [oversight]=/api/v1/reviews)
SERVICES=(${STARTUP_SERVICES:-metrics experiment feedback oversight})   # STARTUP_SERVICES: a subset
viewer=$("$ROOT/bin/refinery" token viewer --sub startup-bench --hours 2)

warm_up() {  # service: a few thousand authenticated calls of a list endpoint, every answer a 200
  local url="http://127.0.0.1:${PORT[$1]}${LIST[$1]}"
  wrk -t1 -c8 -d5s -H "Authorization: Bearer $viewer" "$url" >"$REFINERY_HOME/wrk.out" 2>&1 \
    || { cat "$REFINERY_HOME/wrk.out" >&2; die "wrk failed on $url"; }
  ! grep -q 'Non-2xx' "$REFINERY_HOME/wrk.out" || { cat "$REFINERY_HOME/wrk.out" >&2; die "$url: answers other than 200"; }
}

cpu_seconds() {  # pid -> user + system CPU seconds so far
  awk -v hz="$(getconf CLK_TCK)" '{ printf "%.2f", ($14 + $15) / hz }' "/proc/$1/stat"
}

classes_loaded() {  # pid -> classes loaded (jcmd, from the JDK that runs the benchmark)
  jcmd "$1" VM.metaspace 2>/dev/null | awk '/^Total Usage/ { print $6 }'
}

await_ready() {  # port pid what log: polls /q/health/ready every 20 ms until UP; dies when pid (a child) fails
  until curl -fsS -m 1 "http://127.0.0.1:$1/q/health/ready" 2>/dev/null | grep -q '"status": *"UP"'; do
    kill -0 "$2" 2>/dev/null || wait "$2" || die "$3 did not start; see $4"
    sleep 0.02
  done
}

figures() {  # ready_ms log pid cpu_s -> "ready_s quarkus_s rss_mb cpu_s classes"
  local started
  started=$(grep -o 'started in [0-9.]*s' "$2" | tail -1 | grep -o '[0-9.]*' | head -1)
  echo "$(awk -v r="$1" 'BEGIN { printf "%.2f", r / 1000 }') ${started:-?} \
$(awk '/^VmRSS:/ { printf "%.0f", $2 / 1024 }' "/proc/$3/status") $4 $(classes_loaded "$3")"
}

measure() {  # service -> "ready_s quarkus_s rss_mb cpu_s classes"
  local name=$1 t0 ready pid cpu log="$REFINERY_HOME/logs/$1.log"
  "$ROOT/bin/refinery" stop "$name" >/dev/null
  t0=$(date +%s%N)
  "$ROOT/bin/refinery" start "$name" >/dev/null &
  local starter=$!
  await_ready "${PORT[$name]}" "$starter" "$name" "$log"
  ready=$(( ($(date +%s%N) - t0) / 1000000 ))
  wait "$starter"
  pid=$(cat "$REFINERY_HOME/pids/$name.pid")
  cpu=$(cpu_seconds "$pid")
  warm_up "$name"
  sleep 10
  figures "$ready" "$log" "$pid" "$cpu"
}

FLOOR_JAR="$ROOT/benchmarks/startup-floor/target/quarkus-app/quarkus-run.jar"
# The options bin/refinery gives the small services, REFINERY_EXTRA_JAVA_OPTS included; taken before APPCDS/AOT add
# the services' archives to it.
FLOOR_JAVA_OPTS=$("$ROOT/bin/refinery" jvm-options floor)
measure_floor() {  # -> the same five figures for the floor application, started with the services' JVM options
  local t0 ready pid cpu line log="$REFINERY_HOME/logs/floor.log"
  t0=$(date +%s%N)
  # shellcheck disable=SC2086  # the options are words
  MALLOC_ARENA_MAX=2 java $FLOOR_JAVA_OPTS \
    -Dquarkus.http.port=8085 -jar "$FLOOR_JAR" >"$log" 2>&1 </dev/null &
  pid=$!
  await_ready 8085 "$pid" "the floor application" "$log"
  ready=$(( ($(date +%s%N) - t0) / 1000000 ))
  cpu=$(cpu_seconds "$pid")
  wrk -t1 -c8 -d5s "http://127.0.0.1:8085/api/v1/floor" >"$REFINERY_HOME/wrk.out" 2>&1 \
    || { cat "$REFINERY_HOME/wrk.out" >&2; die "wrk failed on the floor application"; }
  sleep 10
  line=$(figures "$ready" "$log" "$pid" "$cpu")
  kill -TERM "$pid"; wait "$pid" 2>/dev/null || true
  echo "$line"
}

say "$(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg); java: $(java -version 2>&1 | head -1)"
if [ ! -f "$FLOOR_JAR" ]; then
  say "building the floor application (benchmarks/startup-floor)"
  (cd "$ROOT" && ./mvnw -B -q -Pbench -pl benchmarks/startup-floor package -DskipTests) >"$REFINERY_HOME/floor-build.log" 2>&1 \
    || { tail -20 "$REFINERY_HOME/floor-build.log" >&2; die "the floor application did not build"; }
fi
! (exec 3<>"/dev/tcp/127.0.0.1/8085") 2>/dev/null || die "port 8085 is taken (the floor application's port)"
say "starting the suite on database $REFINERY_DB_NAME (builds if needed; migrations run here, once)"
"$ROOT/bin/refinery" up >"$REFINERY_HOME/up.log" 2>&1 || { cat "$REFINERY_HOME/up.log" >&2; die "bin/refinery up failed"; }

if [ "${APPCDS:-0}" = 1 ] || [ "${AOT:-0}" = 1 ]; then
  archives="$REFINERY_HOME/cds"
  mkdir -p "$archives"
  if [ "${AOT:-0}" = 1 ]; then  # JDK 25's AOT cache (JEP 483, 514, 515): classes loaded and linked, method profiles
    [ "$(java -XX:+PrintFlagsFinal -version 2>/dev/null | grep -c ' AOTCacheOutput ')" = 1 ] \
      || die "AOT=1 needs a JDK with -XX:AOTCacheOutput (25 or later) first on the PATH"
    record="-XX:AOTCacheOutput=$archives/@NAME@.jsa"; use="-XX:AOTCache=$archives/@NAME@.jsa"
  else
    record="-XX:ArchiveClassesAtExit=$archives/@NAME@.jsa"; use="-XX:SharedArchiveFile=$archives/@NAME@.jsa"
  fi
  for name in "${SERVICES[@]}"; do
    REFINERY_EXTRA_JAVA_OPTS="$record" measure "$name" >/dev/null
    pid=$(cat "$REFINERY_HOME/pids/$name.pid")
    kill -TERM "$pid"
    start=$SECONDS
    while kill -0 "$pid" 2>/dev/null; do  # the JVM writes the archive as it exits: about 30 s on 2 cores
      [ $((SECONDS - start)) -lt 180 ] || die "$name still writing its archive after 180 s"
      sleep 0.5
    done
    say "archive of $name written in $((SECONDS - start)) s at exit"
    [ -s "$archives/$name.jsa" ] || die "no archive for $name (see $REFINERY_HOME/logs/$name.log)"
    say "archive of $name: $(du -m "$archives/$name.jsa" | cut -f1) MB"
  done
  export REFINERY_EXTRA_JAVA_OPTS="${REFINERY_EXTRA_JAVA_OPTS:-} $use"
fi
say "measuring $ROUNDS starts per service; extra JVM options: '${REFINERY_EXTRA_JAVA_OPTS:-none}'"

stats() { sort -n | awk '{ v[NR] = $1 } END { printf "%s %s %s", v[1], v[int((NR + 1) / 2)], v[NR] }'; }
printf '%-11s %-20s %-23s %-19s %-20s %s\n' service 'ready s (min med max)' 'quarkus s (min med max)' \
  'CPU s to ready (med)' 'RSS MB (min med max)' 'classes (med)'
results=()
summarise() {  # name rounds-file -> the table row; sets r2 (ready median) and m2 (RSS median)
  local r1 r3 q1 q2 q3 m1 m3 c2 k2
  read -r r1 r2 r3 <<<"$(cut -d' ' -f1 "$2" | stats)"
  read -r q1 q2 q3 <<<"$(cut -d' ' -f2 "$2" | stats)"
  read -r m1 m2 m3 <<<"$(cut -d' ' -f3 "$2" | stats)"
  read -r _ c2 _ <<<"$(cut -d' ' -f4 "$2" | stats)"
  read -r _ k2 _ <<<"$(cut -d' ' -f5 "$2" | stats)"
  printf '%-11s %-20s %-23s %-19s %-20s %s\n' "$1" "$r1 $r2 $r3" "$q1 $q2 $q3" "$c2" "$m1 $m2 $m3" "${k2:-?}"
}
: >"$REFINERY_HOME/floor.rounds"
for _ in $(seq 1 "$ROUNDS"); do measure_floor >>"$REFINERY_HOME/floor.rounds"; done
summarise floor "$REFINERY_HOME/floor.rounds"
floor_ready=$r2
results+=("RESULT|startup floor: the smallest Quarkus REST app, ready after a start (median of $ROUNDS)|$r2|s|< 2 s|$(awk -v r="$r2" 'BEGIN { printf "%.2fx", r / 2 }')")
results+=("RESULT|startup floor: the smallest Quarkus REST app, RSS at idle after a warm-up (median of $ROUNDS)|$m2|MB|< 250 MB|$(awk -v m="$m2" 'BEGIN { printf "%.2fx", m / 250 }')")
for name in "${SERVICES[@]}"; do
  : >"$REFINERY_HOME/$name.rounds"
  for _ in $(seq 1 "$ROUNDS"); do measure "$name" >>"$REFINERY_HOME/$name.rounds"; done
  summarise "$name" "$REFINERY_HOME/$name.rounds"
  results+=("RESULT|$name-service ready after a start (median of $ROUNDS)|$r2|s|< 2 s (the floor: $floor_ready s)|$(awk -v r="$r2" 'BEGIN { printf "%.2fx", r / 2 }')")
  if [ "$name" = metrics ]; then  # a fixed 768 MB heap: what holds ingestion to a few collections (BENCHMARKS.md)
    results+=("RESULT|metrics-service RSS at idle after a warm-up (median of $ROUNDS)|$m2|MB|fixed 768 MB heap for ingestion|-")
  else
    results+=("RESULT|$name-service RSS at idle after a warm-up (median of $ROUNDS)|$m2|MB|< 250 MB|$(awk -v m="$m2" 'BEGIN { printf "%.2fx", m / 250 }')")
  fi
done
printf '%s\n' "${results[@]}"   # for benchmarks/run-all.sh: name|value|unit|limit|ratio
awk -v l="$(cut -d' ' -f1-3 /proc/loadavg)" 'BEGIN { print "[startup] load average " l " at the end" }'
