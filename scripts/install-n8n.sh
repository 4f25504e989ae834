#!/usr/bin/env bash
# Installs the real n8n CLI (pinned) into a cache folder outside the project's own
# dependencies, and reuses it when it is already there. Prints the n8n binary's path last.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$here/node24.sh"

N8N_VERSION="${N8N_VERSION:-2.40.7}"
n8n_dir="$VEEVA_CACHE_DIR/n8n-$N8N_VERSION"
n8n_bin="$n8n_dir/node_modules/.bin/n8n"

if [ ! -f "$n8n_dir/.complete" ]; then
  echo "[n8n] installing n8n@$N8N_VERSION into $n8n_dir (about 5 minutes, once per machine)" >&2
  rm -rf "$n8n_dir"
  mkdir -p "$n8n_dir"
  if [[ "$N8N_VERSION" == 1.* ]]; then
    # n8n 1.x's n8n-nodes-base takes xlsx from SheetJS's own download site, which only the
    # registry's copy can replace here: the same library, published to npm as 0.18.5.
    echo '{"name":"n8n-cache","private":true,"overrides":{"xlsx":"0.18.5"}}' >"$n8n_dir/package.json"
  else
    echo '{"name":"n8n-cache","private":true}' >"$n8n_dir/package.json"
  fi
  (
    cd "$n8n_dir"
    # Install scripts are skipped on purpose: some want to download binaries, which this
    # kind of machine cannot do. The two native modules n8n needs are rebuilt below.
    npm install "n8n@$N8N_VERSION" --ignore-scripts --no-audit --no-fund --loglevel=error \
      --foreground-scripts=false --progress=false >&2 &
    pid=$!
    while kill -0 "$pid" 2>/dev/null; do
      sleep 15
      kill -0 "$pid" 2>/dev/null && echo "[n8n] still installing… ($(du -sh node_modules 2>/dev/null | cut -f1) so far)" >&2
    done
    wait "$pid"
    echo "[n8n] building native modules (sqlite3, isolated-vm)" >&2
    npm rebuild sqlite3 isolated-vm --loglevel=error >&2
  )
  touch "$n8n_dir/.complete"
fi
echo "$n8n_bin"
