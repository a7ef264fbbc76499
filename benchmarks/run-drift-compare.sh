#!/usr/bin/env bash
# Benchmark (not a test): POST /api/v1/drift/compare on metrics-service with 1,000,000 x 1,000,000 values, per method.
#
#   bin/refinery up                        # the local run must be up
#   benchmarks/run-drift-compare.sh [N]    # N values per side (default 1000000), 5 timed calls per method after 2 warm-ups
#
# Numerical methods get reference ~ N(0,1) and current ~ N(0.05,1) (seeded, written once as a JSON body);
# categorical methods get 50 labels. Prints the median and the fastest wall time per call as curl sees it
# (upload of the body, parsing, the comparison and the answer), plus the server's statistic.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
N="${1:-1000000}"
URL=http://127.0.0.1:8081/api/v1/drift/compare
WORK="$(mktemp -d)"; trap 'rm -rf "$WORK"' EXIT
viewer=$("$ROOT/bin/refinery" token viewer --sub bench --hours 1)
python3 - "$N" "$WORK" <<'PY'
import json, random, sys
n, work = int(sys.argv[1]), sys.argv[2]
r = random.Random(20261125)
ref = [round(r.gauss(0, 1), 6) for _ in range(n)]
cur = [round(r.gauss(0.05, 1), 6) for _ in range(n)]
for m in ("KS", "WASSERSTEIN", "PSI"):
    with open(f"{work}/{m}.json", "w") as f:
        json.dump({"type": "NUMERICAL", "method": m, "reference": ref, "current": cur}, f)
labels = [f"cat-{i}" for i in range(50)]
cref = [labels[min(49, int(r.expovariate(0.1)))] for _ in range(n)]
ccur = [labels[min(49, int(r.expovariate(0.095)))] for _ in range(n)]
for m in ("JENSEN_SHANNON", "CHI_SQUARE"):
    with open(f"{work}/{m}.json", "w") as f:
        json.dump({"type": "CATEGORICAL", "method": m, "reference": cref, "current": ccur}, f)
PY
echo "[bench] N=$N values per side, $(nproc) cores, body sizes: $(du -h "$WORK"/KS.json | cut -f1) numerical, $(du -h "$WORK"/CHI_SQUARE.json | cut -f1) categorical"
results=()
for m in KS WASSERSTEIN PSI JENSEN_SHANNON CHI_SQUARE; do
  times=()
  for i in 1 2 3 4 5 6 7; do
    t=$(curl -sS -o "$WORK/answer.json" -w '%{http_code} %{time_total}' -X POST "$URL" -H "Authorization: Bearer $viewer" \
      -H 'Content-Type: application/json' --data-binary @"$WORK/$m.json")
    [ "${t%% *}" = 200 ] || { cat "$WORK/answer.json" >&2; exit 1; }
    [ "$i" -gt 2 ] && times+=("${t##* }")
  done
  sorted=$(printf '%s\n' "${times[@]}" | sort -n)
  printf '%-15s median %.3f s, fastest %.3f s per call   answer: %s\n' "$m" "$(sed -n 3p <<<"$sorted")" \
    "$(head -1 <<<"$sorted")" "$(cat "$WORK/answer.json")"
  results+=("RESULT|drift compare $m, $N x $N values|$(awk -v s="$(sed -n 3p <<<"$sorted")" 'BEGIN { printf "%.0f", s * 1000 }')|ms per call (median)|-|-")
done
printf '%s\n' "${results[@]}"   # for benchmarks/run-all.sh: name|value|unit|limit|ratio
