# Sourced by benchmark scripts (not run on its own): CPU time used by each process of the local run between two
# snapshots, to tell which process limits a rate. Reads /proc only.
#
#   cpu_snapshot > before      # one line per process: name, CPU seconds so far (user + system)
#   ... the measurement ...
#   cpu_snapshot > after
#   cpu_report before after WALL_SECONDS
# (add a line "bench SECONDS" to both files first, from cpu_children, to list the load generator too)
# or, around a measurement the calling script runs itself (its children are the load generators):
#   cpu_begin DIR; ... the measurement ...; cpu_end DIR WHAT   # prints the report over the wall time, and the load
#
# The processes are those whose pid files bin/refinery keeps in $REFINERY_HOME/pids (the four services, the broker,
# replicas if any) and PostgreSQL, summed over all its processes and the ended backends its postmaster reaped;
# the report's last line is the rest of the machine (all cores' busy time from /proc/stat less those processes), so a
# run that shared the cores with someone else's work says so.

_cpu_ticks=$(getconf CLK_TCK)

_cpu_of() {  # CPU seconds of one pid; the command name in /proc/PID/stat is in parentheses and may hold spaces;
  # after it, utime and stime are the 12th and 13th fields
  local stat
  stat=$(cat "/proc/$1/stat" 2>/dev/null) || { echo 0; return; }
  awk -v t="$_cpu_ticks" '{ printf "%.2f\n", ($12 + $13) / t }' <<<"${stat##*) }"
}

cpu_snapshot() {
  local home="${REFINERY_HOME:-$ROOT/.refinery}" f pg=0 p
  for f in "$home"/pids/*.pid; do
    [ -f "$f" ] || continue
    printf '%s %s\n' "$(basename "$f" .pid)" "$(_cpu_of "$(cat "$f")")"
  done
  for p in $(pgrep -u postgres 2>/dev/null); do
    pg=$(awk -v a="$pg" -v b="$(_cpu_of "$p")" 'BEGIN { printf "%.2f", a + b }')
  done
  # plus the backends that have ended: the postmaster (the oldest postgres process) has reaped them
  p=$(pgrep -o -u postgres -x postgres 2>/dev/null || true)
  if [ -n "$p" ] && [ -r "/proc/$p/stat" ]; then
    pg=$(awk -v a="$pg" -v t="$_cpu_ticks" '{ printf "%.2f", a + ($14 + $15) / t }' <<<"$(sed 's/^.*) //' "/proc/$p/stat")")
  fi
  printf 'postgres %s\n' "$pg"
  # the whole machine: busy time of all cores (user, nice, system, irq, softirq, steal)
  awk -v t="$_cpu_ticks" '$1 == "cpu" { printf "~machine %.2f\n", ($2 + $3 + $4 + $7 + $8 + $9) / t }' /proc/stat
}

# The load generator: user + system seconds of the calling shell's finished children, from the output of the `times`
# builtin written to a file (`times > FILE` in the script itself: in a pipe or $(...) it would see a subshell).
cpu_children() {  # FILE
  awk 'NR == 2 { split($1, u, /[ms]/); split($2, s, /[ms]/); printf "%.2f\n", u[1] * 60 + u[2] + s[1] * 60 + s[2] }' "$1"
}

cpu_report() {  # BEFORE AFTER WALL_SECONDS; the last line is what the rest of the machine used meanwhile
  join <(sort "$1") <(sort "$2") | awk -v w="$3" '
    $1 == "~machine" { machine = $3 - $2; next }
    { d = $3 - $2; sum += d; printf "  %-13s %7.1f s CPU = %4.0f %% of one core\n", $1, d, 100 * d / w }
    END { if (machine != "") printf "  %-13s %7.1f s CPU = %4.0f %% of one core (every other process on the machine)\n",
      "others", machine - sum, 100 * (machine - sum) / w }'
}

# Both ends of a measured run in one call each: snapshots and the load generators' CPU (the calling shell's finished
# children) kept in DIR, then the report over the run's wall time and the load average before and after. Called
# directly in the script (a function runs in the caller's shell, so `times` sees its children).
cpu_begin() {  # DIR
  _cpu_load_start=$(cut -d' ' -f1-3 /proc/loadavg)
  times > "$1/times.before"
  cpu_snapshot > "$1/cpu.before"
  echo "bench $(cpu_children "$1/times.before")" >> "$1/cpu.before"
  _cpu_started=$(date +%s.%N)
}

cpu_end() {  # DIR WHAT (what the run included, for the report's heading)
  local wall
  wall=$(awk -v a="$_cpu_started" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }')
  times > "$1/times.after"
  cpu_snapshot > "$1/cpu.after"
  echo "bench $(cpu_children "$1/times.after")" >> "$1/cpu.after"
  say "CPU time during the whole run ($2, ${wall} s wall, $(nproc) cores; bench: the load generators):"
  cpu_report "$1/cpu.before" "$1/cpu.after" "$wall"
  say "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg) (at the start: $_cpu_load_start)"
}
