#!/usr/bin/env bash
# Redis and PostgreSQL for the queue-mode suite (npm run test:queue), from Debian's packages,
# installed only when missing. The suite never uses the system services: it starts its own
# instances on free ports in temporary folders. Needs root (or sudo) the first time.
set -euo pipefail

have_postgres() { compgen -G '/usr/lib/postgresql/*/bin/postgres' >/dev/null; }
have_redis() { command -v redis-server >/dev/null 2>&1; }

if have_redis && have_postgres; then exit 0; fi

sudo_cmd=()
if [ "$(id -u)" != 0 ]; then
  if command -v sudo >/dev/null 2>&1; then sudo_cmd=(sudo); else
    echo "[setup] redis-server and PostgreSQL are needed; install them (apt-get install redis-server postgresql) or run as root" >&2
    exit 1
  fi
fi
echo "[setup] installing redis-server and postgresql from Debian's packages" >&2
export DEBIAN_FRONTEND=noninteractive
"${sudo_cmd[@]}" apt-get update -qq >&2
# policy-rc.d 101: the packages must not start the system services; the suite runs its own.
policy=/usr/sbin/policy-rc.d
created_policy=0
if [ ! -e "$policy" ]; then
  printf '#!/bin/sh\nexit 101\n' | "${sudo_cmd[@]}" tee "$policy" >/dev/null
  "${sudo_cmd[@]}" chmod +x "$policy"
  created_policy=1
fi
status=0
"${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends redis-server postgresql >&2 || status=$?
if [ "$created_policy" = 1 ]; then "${sudo_cmd[@]}" rm -f "$policy"; fi
exit "$status"
