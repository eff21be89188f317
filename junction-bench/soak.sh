#!/usr/bin/env bash
# Soak: Junction (governed: virtual key, limits, budget, request log) under moderate load for a long time, its
# resident memory, heap after collection and requests/s sampled every INTERVAL seconds into a CSV, plotted to PNG
# when gnuplot is there. Measures; never asserts. Flat lines are the goal.
#
#   junction-bench/soak.sh                      # one hour, 32 connections, 50 ms upstream
#   SOAK=10m CONNS=64 junction-bench/soak.sh    # shorter, heavier
#   OUT=docs/soak junction-bench/soak.sh        # where soak.csv and soak.png go (default: junction-bench/target)
#
# Cores: Junction on CPU 0, the mock upstream and wrk on CPU 1.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
SOAK="${SOAK:-1h}"
CONNS="${CONNS:-32}"
LATENCY_MS="${LATENCY_MS:-50}"
INTERVAL="${INTERVAL:-10}"
OUT="${OUT:-$here/target}"
MOCK_PORT="${MOCK_PORT:-19021}"
GW_PORT="${GW_PORT:-19022}"
ADMIN="bench-admin-0123456789"
WORK="$(mktemp -d)"
command -v wrk >/dev/null || { echo "soak.sh needs wrk (apt-get install wrk)" >&2; exit 1; }
command -v jq >/dev/null || { echo "soak.sh needs jq (apt-get install jq)" >&2; exit 1; }
. "$here/find-java.sh"
(cd "$root" && ./mvnw -B -q -DskipTests package >&2)
export JAVA_HOME="$(dirname "$(dirname "$JAVA")")" JUNCTION_JAVA_OPTS="${BENCH_JAVA_OPTS:-}"
"$root/junction" version >/dev/null
mkdir -p "$OUT"

pids=()
cleanup() { for p in "${pids[@]:-}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$WORK"; }
trap cleanup EXIT

seconds() { # 1h, 10m, 90s, 600
  case "$1" in *h) echo $(( ${1%h} * 3600 ));; *m) echo $(( ${1%m} * 60 ));; *s) echo "${1%s}";; *) echo "$1";; esac
}
wait_port() { for _ in $(seq 1 300); do (exec 3<>/dev/tcp/127.0.0.1/"$1") 2>/dev/null && return 0; sleep 0.1; done; return 1; }

taskset -c 1 "$JAVA" -Xms256m -Xmx256m -jar "$here/target/junction-bench.jar" --port "$MOCK_PORT" \
  --latency-ms "$LATENCY_MS" --words 20 --instances 1 >"$WORK/mock.log" 2>&1 &
pids+=("$!"); wait_port "$MOCK_PORT"
mkdir -p "$WORK/gov"
OPENAI_BASE_URL="http://127.0.0.1:$MOCK_PORT/v1" OPENAI_API_KEY="sk-bench-upstream" JUNCTION_ADMIN_KEY="$ADMIN" \
  JUNCTION_DATA_DIR="$WORK/gov" taskset -c 0 "$root/junction" serve --port "$GW_PORT" >"$WORK/junction.log" 2>&1 &
gw_pid=$!; pids+=("$gw_pid"); wait_port "$GW_PORT"
api="http://127.0.0.1:$GW_PORT/api/admin"; auth="authorization: Bearer $ADMIN"
user=$(curl -sf "$api/users" -H "$auth" -H 'content-type: application/json' -d '{"name":"soak"}' | jq -r .id)
key=$(curl -sf "$api/keys" -H "$auth" -H 'content-type: application/json' \
  -d "{\"user_id\":\"$user\",\"name\":\"soak\",\"rpm\":100000000,\"tpm\":100000000000,\"max_concurrent\":100000}")
curl -sf "$api/budgets" -H "$auth" -H 'content-type: application/json' \
  -d "{\"scope\":\"key\",\"scope_id\":\"$(echo "$key" | jq -r .id)\",\"amount_usd\":100000000,\"period\":\"monthly\"}" >/dev/null
KEY=$(echo "$key" | jq -r .key)

total=$(seconds "$SOAK")
# Half the connections stream, half do not.
half=$(( CONNS / 2 > 0 ? CONNS / 2 : 1 ))
STREAM=0 BENCH_KEY="$KEY" taskset -c 1 wrk -t1 -c"$half" -d"${total}s" -s "$here/wrk/chat.lua" \
  "http://127.0.0.1:$GW_PORT/v1/chat/completions" >"$WORK/wrk-json.txt" 2>&1 &
pids+=("$!")
STREAM=1 BENCH_KEY="$KEY" taskset -c 1 wrk -t1 -c"$half" -d"${total}s" -s "$here/wrk/chat.lua" \
  "http://127.0.0.1:$GW_PORT/v1/chat/completions" >"$WORK/wrk-stream.txt" 2>&1 &
pids+=("$!")

csv="$OUT/soak.csv"
echo "seconds,rss_mb,heap_used_mb,heap_committed_mb,logged_requests" >"$csv"
start=$(date +%s)
while :; do
  now=$(( $(date +%s) - start )); [ "$now" -gt "$total" ] && break
  jvm=$(pgrep -P "$gw_pid" java 2>/dev/null | head -1); jvm=${jvm:-$gw_pid}   # serve runs as the launcher's child
  rss=$(( $(ps -o rss= -p "$jvm") / 1024 ))
  # jstat: used and committed heap (young + old), in MB
  read -r used committed < <("$JAVA_HOME/bin/jstat" -gc "$jvm" | awk 'NR==2 {printf "%.0f %.0f\n", ($3+$4+$6+$8)/1024, ($1+$2+$5+$7)/1024}')
  logged=$(sqlite3 "$WORK/gov/junction.db" 'SELECT COUNT(*) FROM request_logs' 2>/dev/null || echo "")
  echo "$now,$rss,$used,$committed,$logged" >>"$csv"
  sleep "$INTERVAL"
done
grep -h "Requests/sec" "$WORK"/wrk-*.txt >&2 || true
echo "samples in $csv" >&2
if command -v gnuplot >/dev/null; then
  gnuplot <<PLOT
set terminal pngcairo size 1000,500
set output "$OUT/soak.png"
set datafile separator ","
set key top left
set xlabel "minutes"
set ylabel "MB"
set yrange [0:*]
set title "Junction soak: $CONNS connections (half streaming), ${LATENCY_MS} ms upstream, governed"
plot "$csv" using (\$1/60):2 skip 1 with lines lw 2 title "resident (RSS)", \
     "$csv" using (\$1/60):4 skip 1 with lines title "heap committed", \
     "$csv" using (\$1/60):3 skip 1 with lines title "heap used (sampled)"
PLOT
  echo "plot in $OUT/soak.png" >&2
fi
