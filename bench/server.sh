# Sourced by bench/inbound.sh and bench/assign.sh: a fresh server on PostgreSQL, ready for load.
#   start_server   drops and creates database $db, starts the server on $port, signs the admin in, creates a REST
#                  channel, waits for triage to train; sets server (the launcher's pid), pid (the JVM's), log,
#                  admin (token), channel (token)
#   bench ARGS     ./otklik bench inbound against it
#   warm_up [ARGS] the JIT's warm-up: JIT_WARMUP seconds (default 120; 0 skips it) at 300/s from 1,000 users, so
#                  that few conversations are left waiting; the JIT needs about two minutes of traffic on 2 cores;
#                  ARGS go to the bench (bench/assign.sh brings agents online, so that assignment code is warm too)
# OTKLIK_SERVER_JAR=path runs that build of the server instead (with the launcher's server settings: keep them in
# step with ./otklik), to measure a baseline in the same session; the load generator is always this checkout's.
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
port=${port:-18100}

# run in the background: exec, so that $! is the server itself and killing it stops it
serve() {
  if [ -n "${OTKLIK_SERVER_JAR:-}" ]; then
    exec "$("$root/.mvn/find-jdk")/bin/java" -Xmx256m -XX:+UseSerialGC -XX:ReservedCodeCacheSize=64m \
      -XX:MaxDirectMemorySize=32m -jar "$OTKLIK_SERVER_JAR" serve "$@"
  else
    exec "$root/otklik" serve "$@"
  fi
}

start_server() {
  psql -h 127.0.0.1 -U postgres -qc "drop database if exists $db" -c "create database $db" >/dev/null 2>&1
  log=$(mktemp)
  serve --db-url "jdbc:postgresql://127.0.0.1:5432/$db" --db-user postgres --port "$port" \
    --otklik.bootstrap.admin-login=bench --otklik.bootstrap.admin-password=bench-password-1 >"$log" 2>&1 &
  server=$!
  trap 'kill $server 2>/dev/null || true; wait $server 2>/dev/null || true' EXIT
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
  pid=$(pgrep -f "jar serve.*--port $port" | head -1)
}

bench() {
  OTKLIK_JAVA_OPTS="-Xmx512m" "$root/otklik" bench inbound --url "http://127.0.0.1:$port" --token "$channel" "$@" \
    2>/dev/null
}

warm_up() {
  local jit=${JIT_WARMUP:-120}
  if [ "$jit" -gt 0 ]; then
    echo "== JIT warm-up: $jit s at 300/s from 1,000 users, not counted"
    bench --rate 300 --duration "$jit" --warmup 0 --contacts 1000 "$@" | grep -E "sustained" || true
  fi
}
