#!/usr/bin/env bash
# Receipt -> assigned with agents online: a fresh server on PostgreSQL, then ./otklik bench inbound with --agents
# (default 400, room for 20,000 chats) at each of RATES (default "100 300 500"), each after 20 s at its rate not
# counted (new users' first messages take code paths that the returning users of the JIT warm-up do not). The JIT
# warm-up comes first: JIT_WARMUP seconds (default 120) at 300/s from 1,000 users with 50 agents online.
# OTKLIK_SERVER_JAR=path measures another build of the server (bench/server.sh). Needs PostgreSQL on 127.0.0.1:5432.
set -euo pipefail
db=otklik_load
# shellcheck source=bench/server.sh
source "$(dirname "${BASH_SOURCE[0]}")/server.sh"
start_server
warm_up --admin-token "$admin" --agents 50
for rate in ${RATES:-100 300 500}; do
  echo "== rate $rate/s with ${AGENTS:-400} agents"
  bench --rate "$rate" --duration 15 --warmup 20 --admin-token "$admin" --agents "${AGENTS:-400}" \
    | grep -E "sustained|assigned|errors"
done
sleep 3
