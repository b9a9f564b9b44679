#!/usr/bin/env bash
# Inbound throughput on PostgreSQL, with pgbench on the same database server in the same run (the baseline).
#   bench/inbound.sh [RATE...]      default rates: 100 200 300 500
# Starts ./otklik serve (the launcher's default JVM settings) on a fresh database, creates a REST channel, waits until
# triage has trained, warms the JIT up (JIT_WARMUP seconds at 300/s from 1,000 users, so that few conversations are
# left waiting; default 120, 0 skips it), then runs ./otklik bench inbound first with 80 online agents (50 chats each,
# room for all of that run's conversations) for the time from receipt to assignment, then with nobody online at each
# rate (10 s warm-up, 20 s measured), printing the server's resident memory; then pgbench (2 clients, 20 s). Needs
# PostgreSQL on 127.0.0.1:5432 with pgbench.
set -euo pipefail
# OTKLIK_SERVER_JAR=path measures another build of the server (bench/server.sh).
rates=("$@")
[ $# -eq 0 ] && rates=(100 200 300 500)
db=otklik_load
# shellcheck source=bench/server.sh
source "$(dirname "${BASH_SOURCE[0]}")/server.sh"
start_server
warm_up
echo "== rate 100/s with 80 agents online (receipt -> assigned; before anything waits in the queues)"
bench --rate 100 --duration 15 --warmup 10 --admin-token "$admin" --agents 80
for rate in "${rates[@]}"; do
  echo "== rate $rate/s"
  bench --rate "$rate" --duration 20 --warmup 10
  echo "server RSS: $(( $(ps -o rss= -p "$pid") / 1024 )) MB"
done
kill $server
wait $server 2>/dev/null || true # the server stops gracefully (up to 10 s): not beside pgbench
echo "== pgbench (same PostgreSQL, 2 clients, 20 s)"
psql -h 127.0.0.1 -U postgres -qc "drop database if exists otklik_pgbench" -c "create database otklik_pgbench" >/dev/null 2>&1
pgbench -h 127.0.0.1 -U postgres -i -s 10 -q otklik_pgbench >/dev/null 2>&1
pgbench -h 127.0.0.1 -U postgres -c 2 -j 2 -T 20 otklik_pgbench 2>/dev/null | grep -E "^tps|latency average"
