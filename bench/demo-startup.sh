#!/usr/bin/env bash
# Measures ./otklik demo: seconds from launch to the "ready" line on a fresh data directory (the jar already built),
# and the server's resident memory (RSS) when ready and after a minute of demo traffic with an agent online.
# Usage: bench/demo-startup.sh [runs]   (prints one line per run and the median start-up)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-3}
port=18500
[ -f server/target/otklik.jar ] || ./mvnw -q -B -DskipTests package
times=()
for i in $(seq 1 "$runs"); do
  data=$(mktemp -d)
  out=$(mktemp)
  start=$(date +%s.%N)
  OTKLIK_NO_BUILD=1 ./otklik demo --port "$port" --data "$data" > "$out" 2>&1 &
  pid=$!
  until grep -q 'sign in as agent' "$out"; do
    sleep 0.05
    if ! kill -0 "$pid" 2>/dev/null; then cat "$out"; exit 1; fi
  done
  ready=$(date +%s.%N)
  secs=$(echo "$ready - $start" | bc)
  times+=("$secs")
  jpid=$(pgrep -f "otklik.jar demo --port $port" | head -n 1)
  rss_ready=$(( $(ps -o rss= -p "$jpid") / 1024 ))
  extra=""
  if [ "$i" -eq "$runs" ]; then
    login=$(python3 -c "import json,sys; c=json.load(open('$data/demo-credentials.json')); a=c['agents'][2]; print(a['login'], a['password'])")
    set -- $login
    token=$(curl -s -X POST "localhost:$port/api/v1/auth/token" -H 'Content-Type: application/json' \
      -d "{\"login\":\"$1\",\"password\":\"$2\"}" | python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])')
    curl -s -o /dev/null -X PUT "localhost:$port/api/v1/agents/me/status" -H "Authorization: Bearer $token" \
      -H 'Content-Type: application/json' -d '{"status":"online"}'
    sleep 60
    rss_busy=$(( $(ps -o rss= -p "$jpid") / 1024 ))
    extra=" rss_after_60s_traffic_mb=$rss_busy"
  fi
  echo "run $i: ready_after_s=$secs rss_ready_mb=$rss_ready$extra"
  kill "$pid"; wait "$pid" 2>/dev/null || true
  rm -rf "$data" "$out"
done
printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {print "median ready_after_s=" a[int((NR+1)/2)]}'
