#!/usr/bin/env bash
# Inbound throughput on PostgreSQL, with pgbench on the same database server in the same run.
#   bench/inbound.sh [RATE...]      default rates: 500 2000
# Starts ./otklik serve on a fresh database, creates a REST channel, runs ./otklik bench-inbound at each rate for
# 20 s, prints the server's RSS, then pgbench (2 clients, 20 s) for the ratio. Needs PostgreSQL on 127.0.0.1:5432.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
rates=("${@:-500 2000}")
[ $# -eq 0 ] && rates=(500 2000)
port=18100
db=otklik_load
psql -h 127.0.0.1 -U postgres -qc "drop database if exists $db" -c "create database $db" >/dev/null
log=$(mktemp)
"$root/otklik" serve --db-url "jdbc:postgresql://127.0.0.1:5432/$db" --db-user postgres --port $port \
  --otklik.bootstrap.admin-login=bench --otklik.bootstrap.admin-password=bench-password-1 >"$log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
for _ in $(seq 1 90); do
  curl -sf "http://127.0.0.1:$port/actuator/health" >/dev/null 2>&1 && break
  sleep 1
done
admin=$(curl -sf -X POST "http://127.0.0.1:$port/api/v1/auth/token" -H 'Content-Type: application/json' \
  -d '{"login": "bench", "password": "bench-password-1"}' | sed 's/.*"token":"\([^"]*\)".*/\1/')
channel=$(curl -sf -X POST "http://127.0.0.1:$port/api/v1/admin/channels" -H "Authorization: Bearer $admin" \
  -H 'Content-Type: application/json' -d '{"type": "api", "name": "bench"}' | sed 's/.*"token":"\([^"]*\)".*/\1/')
sleep 10 # triage models train in the background at start
for rate in "${rates[@]}"; do
  echo "== rate $rate/s"
  "$root/otklik" bench-inbound --url "http://127.0.0.1:$port" --token "$channel" --rate "$rate" --duration 20 \
    2>/dev/null | grep -v -i vector
  echo "server RSS: $(( $(ps -o rss= -p $server) / 1024 )) MB"
done
kill $server
echo "== pgbench (same PostgreSQL, 2 clients, 20 s)"
psql -h 127.0.0.1 -U postgres -qc "drop database if exists otklik_pgbench" -c "create database otklik_pgbench" >/dev/null
pgbench -h 127.0.0.1 -U postgres -i -s 10 -q otklik_pgbench >/dev/null 2>&1
pgbench -h 127.0.0.1 -U postgres -c 2 -j 2 -T 20 otklik_pgbench 2>/dev/null | grep -E "^tps|latency average"
