#!/usr/bin/env bash
# Entry point of the npm scripts: makes a fresh clone work with one command by putting Node 24
# on PATH and installing the dev dependencies when they are missing or stale.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source scripts/node24.sh

ensure_dependencies() {
  local stamp=node_modules/.installed-by-run-sh
  if [ ! -f "$stamp" ] || [ package.json -nt "$stamp" ] || [ package-lock.json -nt "$stamp" ] \
     || [ "$(cat "$stamp")" != "$(node --version)" ]; then
    echo "[setup] installing dev dependencies with $(node --version)" >&2
    # npm ci only: it refuses a lock that has drifted from package.json, so CI fails on drift.
    npm ci --no-audit --no-fund --loglevel=error >&2
    node --version >"$stamp"
  fi
}

command="${1:-}"
shift || true
case "$command" in
  test)
    ensure_dependencies
    npx jest "$@"
    ;;
  test:e2e)
    ensure_dependencies
    node test/e2e/run-e2e.mjs "$@"
    ;;
  test:queue)
    ensure_dependencies
    bash scripts/install-services.sh
    node test/queue/run-queue.mjs "$@"
    ;;
  demo)
    ensure_dependencies
    node scripts/demo.mjs "$@"
    ;;
  bench)
    # `npm run bench` runs the five benchmarks; `npm run bench -- upload|download|dossier|loader|documents|loader-log|records|trigger [options]` one
    # (loader-log, records and trigger only on demand).
    ensure_dependencies
    case "${1:-}" in
      upload | download | dossier | loader | documents | loader-log | records | trigger)
        which="$1"
        shift
        node "bench/$which-bench.mjs" "$@"
        ;;
      *)
        node bench/upload-bench.mjs "$@"
        node bench/download-bench.mjs "$@"
        node bench/dossier-bench.mjs
        node bench/loader-bench.mjs
        node bench/documents-bench.mjs
        ;;
    esac
    ;;
  simulator)
    # The simulator's Loader reads CSV with csv-parse, a dev dependency.
    ensure_dependencies
    exec node simulator/cli.ts "$@"
    ;;
  node)
    ensure_dependencies
    exec "$@"
    ;;
  n8n)
    n8n_bin="$(bash scripts/install-n8n.sh)"
    exec "$n8n_bin" "$@"
    ;;
  *)
    echo "usage: scripts/run.sh test|test:e2e|test:queue|demo|bench|simulator|n8n|node [args]" >&2
    exit 2
    ;;
esac
