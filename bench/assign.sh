#!/usr/bin/env bash
# Receipt -> assigned with agents online: a fresh server on PostgreSQL, then ./otklik bench inbound with --agents
# (default 200) at each of RATES (default "100 300 500"). Needs PostgreSQL on 127.0.0.1:5432.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
port=18100; db=otklik_load
psql -h 127.0.0.1 -U postgres -qc "drop database if exists $db" -c "create database $db" >/dev/null 2>&1
log=$(mktemp)
"$root/otklik" serve --db-url "jdbc:postgresql://127.0.0.1:5432/$db" --db-user postgres --port $port \
  --otklik.bootstrap.admin-login=bench --otklik.bootstrap.admin-password=bench-password-1 >"$log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do curl -sf "http://127.0.0.1:$port/actuator/health" >/dev/null 2>&1 && break; sleep 1; done
admin=$(curl -sf -X POST "http://127.0.0.1:$port/api/v1/auth/token" -H 'Content-Type: application/json' \
  -d '{"login": "bench", "password": "bench-password-1"}' | sed 's/.*"token":"\([^"]*\)".*/\1/')
channel=$(curl -sf -X POST "http://127.0.0.1:$port/api/v1/admin/channels" -H "Authorization: Bearer $admin" \
  -H 'Content-Type: application/json' -d '{"type": "api", "name": "bench"}' | sed 's/.*"token":"\([^"]*\)".*/\1/')
for _ in $(seq 1 120); do grep -q "triage models trained" "$log" && break; sleep 1; done
pid=$(pgrep -f "otklik.jar serve.*--port $port" | head -1)
for rate in ${RATES:-100 300 500}; do
echo "== rate $rate/s with ${AGENTS:-200} agents"
OTKLIK_JAVA_OPTS="-Xmx512m" "$root/otklik" bench inbound --url "http://127.0.0.1:$port" --token "$channel" --rate $rate --duration 15 --warmup 5 --admin-token "$admin" --agents ${AGENTS:-200} 2>/dev/null | grep -E "sustained|assigned|errors"
done
sleep 3
