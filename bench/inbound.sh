#!/usr/bin/env bash
# Inbound throughput on PostgreSQL, with pgbench on the same database server in the same run (the baseline).
#   bench/inbound.sh [RATE...]      default rates: 100 200 300 500
# Starts ./otklik serve (the launcher's default JVM settings) on a fresh database, creates a REST channel, waits until
# triage has trained, then runs ./otklik bench inbound first with 60 online agents (50 chats each, room for all of
# that run's conversations) for the time from receipt to assignment, then with nobody online at each rate (10 s
# warm-up, 20 s measured), printing the server's resident memory; then pgbench (2 clients, 20 s). Needs PostgreSQL on 127.0.0.1:5432 with pgbench.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
rates=("$@")
[ $# -eq 0 ] && rates=(100 200 300 500)
port=18100
db=otklik_load
psql -h 127.0.0.1 -U postgres -qc "drop database if exists $db" -c "create database $db" >/dev/null 2>&1
log=$(mktemp)
"$root/otklik" serve --db-url "jdbc:postgresql://127.0.0.1:5432/$db" --db-user postgres --port $port \
  --otklik.bootstrap.admin-login=bench --otklik.bootstrap.admin-password=bench-password-1 >"$log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do
  curl -sf "http://127.0.0.1:$port/actuator/health" >/dev/null 2>&1 && break
  sleep 1
done
admin=$(curl -sf -X POST "http://127.0.0.1:$port/api/v1/auth/token" -H 'Content-Type: application/json' \
  -d '{"login": "bench", "password": "bench-password-1"}' | sed 's/.*"token":"\([^"]*\)".*/\1/')
channel=$(curl -sf -X POST "http://127.0.0.1:$port/api/v1/admin/channels" -H "Authorization: Bearer $admin" \
  -H 'Content-Type: application/json' -d '{"type": "api", "name": "bench"}' | sed 's/.*"token":"\([^"]*\)".*/\1/')
for _ in $(seq 1 120); do # triage trains its models in the background at start
  grep -q "triage models trained" "$log" && break
  sleep 1
done
pid=$(pgrep -f "otklik.jar serve.*--port $port" | head -1)
bench() { OTKLIK_JAVA_OPTS="-Xmx512m" "$root/otklik" bench inbound --url "http://127.0.0.1:$port" --token "$channel" "$@" 2>/dev/null; }
echo "== rate 100/s with 60 agents online (receipt -> assigned; before anything waits in the queues)"
bench --rate 100 --duration 15 --warmup 10 --admin-token "$admin" --agents 60
for rate in "${rates[@]}"; do
  echo "== rate $rate/s"
  bench --rate "$rate" --duration 20 --warmup 10
  echo "server RSS: $(( $(ps -o rss= -p "$pid") / 1024 )) MB"
done
kill $server
echo "== pgbench (same PostgreSQL, 2 clients, 20 s)"
psql -h 127.0.0.1 -U postgres -qc "drop database if exists otklik_pgbench" -c "create database otklik_pgbench" >/dev/null 2>&1
pgbench -h 127.0.0.1 -U postgres -i -s 10 -q otklik_pgbench >/dev/null 2>&1
pgbench -h 127.0.0.1 -U postgres -c 2 -j 2 -T 20 otklik_pgbench 2>/dev/null | grep -E "^tps|latency average"
