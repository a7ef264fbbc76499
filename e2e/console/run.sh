#!/usr/bin/env bash
# Real-browser checks of the console (issue 18) against the suite started by `bin/refinery up`.
# Installs playwright-core and axe-core from package-lock.json when node_modules is missing or stale (no browser
# download: Debian's chromium drives the pages), then runs console.mjs. Arguments go to it (--docs refreshes the
# README's screenshots in docs/console/).
set -euo pipefail
cd "$(dirname "$0")"

CHROMIUM="${CHROMIUM:-/usr/bin/chromium}"
if [ ! -x "$CHROMIUM" ]; then
  echo "e2e/console: $CHROMIUM is missing: install Debian's chromium first (apt-get install -y chromium)" >&2
  exit 2
fi
command -v node >/dev/null || { echo "e2e/console: node is missing (apt-get install -y nodejs npm)" >&2; exit 2; }
command -v npm >/dev/null || { echo "e2e/console: npm is missing (apt-get install -y npm)" >&2; exit 2; }

# npm ci writes node_modules/.package-lock.json; a lock file newer than it, or differing from it, means stale.
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ] \
    || [ ! -f node_modules/playwright-core/package.json ] || [ ! -f node_modules/axe-core/axe.min.js ]; then
  PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund
fi

export CHROMIUM
exec node console.mjs "$@"
