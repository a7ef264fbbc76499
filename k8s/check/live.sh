#!/usr/bin/env bash
# Live check of k8s/grafana and k8s/prometheus against the suite running on 127.0.0.1:8081-8084 (bin/refinery up):
# a real Prometheus (Debian package) scrapes the services every second on a free loopback port, data is fed
# through the APIs and Kafka, and every dashboard query and rule expression is evaluated (see live.py).
set -euo pipefail
CHECK="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
command -v prometheus >/dev/null 2>&1 || "$CHECK/tools.sh" >/dev/null
exec python3 "$CHECK/live.py" "$@"
