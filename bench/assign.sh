#!/usr/bin/env bash
# Receipt -> assigned with agents online: a fresh server on PostgreSQL, then ./otklik bench inbound with --agents
# (default 200) at each of RATES (default "100 300 500"), after a JIT warm-up (JIT_WARMUP seconds at 300/s from 1,000
# users, default 120). OTKLIK_SERVER_JAR=path measures another build of the server (bench/server.sh). Needs
# PostgreSQL on 127.0.0.1:5432.
set -euo pipefail
db=otklik_load
# shellcheck source=bench/server.sh
source "$(dirname "${BASH_SOURCE[0]}")/server.sh"
start_server
warm_up
for rate in ${RATES:-100 300 500}; do
  echo "== rate $rate/s with ${AGENTS:-200} agents"
  bench --rate "$rate" --duration 15 --warmup 5 --admin-token "$admin" --agents "${AGENTS:-200}" \
    | grep -E "sustained|assigned|errors"
done
sleep 3
