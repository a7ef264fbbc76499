#!/usr/bin/env bash
# Static checks of k8s/ with real tools and no cluster:
#  helm lint and helm template of the chart with values.yaml, values-dev.yaml, values-prod.yaml and an
#  "everything on" set (native images, migration Jobs, Strimzi topics, ServiceMonitor, PrometheusRule,
#  dashboards); schema, unknown-field and reference validation of every rendered manifest (validate.mjs),
#  compared with quarkus-kubernetes' generated manifests when a build left them in <service>/target/kubernetes;
#  promtool check rules; the dashboards' JSON (dashboards.py --check).
set -euo pipefail
CHECK="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$CHECK/../.." && pwd)"
CHART="$ROOT/k8s/helm/refinery"
BIN="$("$CHECK/tools.sh")"
HELM="$BIN/helm"
OUT="$(mktemp -d /tmp/refinery-k8s-static-XXXXXX)"
trap 'rm -rf "$OUT"' EXIT
start=$SECONDS

"$HELM" version --short
# The dev values create the Secrets from the committed dev key; the others reference existing Secrets.
DEV_KEY=(--set-file "secrets.jwtPublicKey=$ROOT/dev-keys/dev-public-key.pem")
ALL_ON=(--set image.variant=native --set migrations.mode=job --set strimzi.topics=true
  --set metrics.serviceMonitor.enabled=true --set metrics.prometheusRule.enabled=true --set grafana.dashboards.enabled=true)
declare -A SETS=(
  [default]=""
  [dev]="-f $CHART/values-dev.yaml"
  [prod]="-f $CHART/values-prod.yaml"
  [all-on]="${ALL_ON[*]}"
)
rendered=()
for name in default dev prod all-on; do
  # shellcheck disable=SC2206
  opts=(${SETS[$name]})
  [ "$name" = dev ] && opts+=("${DEV_KEY[@]}")
  # helm logs each symlink it follows on stderr: keep that out of the way unless the command fails.
  if ! "$HELM" lint --strict "$CHART" "${opts[@]}" > "$OUT/lint.txt" 2> "$OUT/err.txt"; then
    cat "$OUT/lint.txt" "$OUT/err.txt" >&2; echo "helm lint failed with the $name values" >&2; exit 1
  fi
  grep -E 'linted|WARNING|ERROR' "$OUT/lint.txt" | sed "s/^/[lint $name] /"
  if ! "$HELM" template refinery "$CHART" --namespace refinery "${opts[@]}" > "$OUT/$name.yaml" 2> "$OUT/err.txt"; then
    cat "$OUT/err.txt" >&2; echo "helm template failed with the $name values" >&2; exit 1
  fi
  rendered+=("$OUT/$name.yaml")
done

node "$CHECK/validate.mjs" --quarkus "$ROOT" "${rendered[@]}"
promtool check rules "$ROOT/k8s/prometheus/rules.yaml"
python3 "$CHECK/dashboards.py" --check "$ROOT/k8s/grafana"
echo "k8s static checks passed in $((SECONDS - start)) s"
