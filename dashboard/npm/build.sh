#!/bin/sh
# The dashboard's ECharts bundle (Maven runs this at generate-resources): npm ci when the lock file is newer
# than what is installed, then esbuild (a fraction of a second).
set -eu
cd "$(dirname "$0")"
if ! command -v npm >/dev/null 2>&1; then
  echo "Cannot build the dashboard's chart bundle: npm is missing (install it with: apt-get install nodejs npm; ./da06 does)" >&2
  exit 1
fi
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund --ignore-scripts --loglevel=error
fi
exec node build.mjs
