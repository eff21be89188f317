#!/usr/bin/env bash
# Footprint of Junction as the launcher runs it (its default JVM options, its start-up cache): time from start to the
# first answered chat request, resident memory idle after some traffic, and resident memory while it relays 1,000
# concurrent slow streams. Measures; never asserts. Prints a markdown table.
#
#   junction-bench/footprint.sh
#   STREAMS=2000 EVENT_DELAY_MS=500 junction-bench/footprint.sh
#   BENCH_JAVA_OPTS="-XX:+UseG1GC" junction-bench/footprint.sh   # other JVM options (replace the launcher's)
#
# Cores: Junction on CPU 0, the mock upstream and wrk on CPU 1 (on a 2-core machine).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
STREAMS="${STREAMS:-1000}"
EVENT_DELAY_MS="${EVENT_DELAY_MS:-250}"   # 20 events each: a stream lasts about 5 s
STARTS="${STARTS:-3}"
MOCK_PORT="${MOCK_PORT:-19011}"
GW_PORT="${GW_PORT:-19012}"
KEY="bench-key-0123456789"
WORK="$(mktemp -d)"
command -v wrk >/dev/null || { echo "footprint.sh needs wrk (apt-get install wrk)" >&2; exit 1; }
. "$here/find-java.sh"
(cd "$root" && ./mvnw -B -q -DskipTests package >&2)
export JAVA_HOME="$(dirname "$(dirname "$JAVA")")" JUNCTION_JAVA_OPTS="${BENCH_JAVA_OPTS:-}"
"$root/junction" version >/dev/null   # trains the start-up cache once, outside the measurement

pids=()
cleanup() { for p in "${pids[@]:-}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$WORK"; }
trap cleanup EXIT
ulimit -n 65536 2>/dev/null || true

# The launcher runs `serve` as its child: the JVM is that child.
jvm_pid() { local jvm; jvm=$(pgrep -P "$1" java 2>/dev/null | head -1); echo "${jvm:-$1}"; }
rss_mb() { echo $(( $(ps -o rss= -p "$(jvm_pid "$1")") / 1024 )); }
chat() { # stream
  curl -sf "http://127.0.0.1:$GW_PORT/v1/chat/completions" -H "authorization: Bearer $KEY" \
    -H 'content-type: application/json' \
    -d "{\"model\":\"openai/gpt-4o-mini\",\"stream\":$1,\"messages\":[{\"role\":\"user\",\"content\":\"hello\"}]}"
}
start_junction() {
  rm -rf "$WORK/data"
  OPENAI_BASE_URL="http://127.0.0.1:$MOCK_PORT/v1" OPENAI_API_KEY="sk-bench-upstream" JUNCTION_MASTER_KEY="$KEY" \
    JUNCTION_DATA_DIR="$WORK/data" taskset -c 0 "$root/junction" serve --port "$GW_PORT" >"$WORK/junction.log" 2>&1 &
  gw_pid=$!; pids+=("$gw_pid")
}
stop_junction() { kill "$gw_pid" 2>/dev/null || true; wait "$gw_pid" 2>/dev/null || true; }

taskset -c 1 "$JAVA" -Xms256m -Xmx256m -jar "$here/target/junction-bench.jar" --port "$MOCK_PORT" --words 20 \
  --event-delay-ms "$EVENT_DELAY_MS" --instances 1 >"$WORK/mock.log" 2>&1 &
pids+=("$!")
for _ in $(seq 1 300); do (exec 3<>/dev/tcp/127.0.0.1/"$MOCK_PORT") 2>/dev/null && break; sleep 0.1; done

# Cold start: from exec to the first answered chat completion (through the upstream), several times.
starts=()
for _ in $(seq 1 "$STARTS"); do
  t0=$(date +%s%N)
  start_junction
  until chat false >/dev/null 2>&1; do sleep 0.01; done
  starts+=("$(( ($(date +%s%N) - t0) / 1000000 ))")
  stop_junction
done

# Idle: after 500 requests and 20 concurrent streams, 20 s of quiet.
start_junction
until chat false >/dev/null 2>&1; do sleep 0.05; done
for _ in $(seq 1 500); do chat false >/dev/null; done
streams=()
for _ in $(seq 1 20); do chat true >/dev/null & streams+=("$!"); done
for s in "${streams[@]}"; do wait "$s" || true; done
sleep 20
idle=$(rss_mb "$gw_pid")

# Slow streams: STREAMS connections each relaying a stream after stream for 30 s; the peak resident size.
peak=0
STREAM=1 BENCH_KEY="$KEY" taskset -c 1 wrk -t2 -c"$STREAMS" -d30s --timeout 30s -s "$here/wrk/chat.lua" \
  "http://127.0.0.1:$GW_PORT/v1/chat/completions" >"$WORK/wrk.txt" 2>&1 &
wrk_pid=$!
while kill -0 "$wrk_pid" 2>/dev/null; do
  r=$(rss_mb "$gw_pid"); [ "$r" -gt "$peak" ] && peak=$r; sleep 1
done
streamed=$(awk '/requests in/ {print $1}' "$WORK/wrk.txt")
sleep 20
after=$(rss_mb "$gw_pid")
stop_junction

sorted=$(printf '%s\n' "${starts[@]}" | sort -n | tr '\n' ' ')
echo "| measure | value |"
echo "|---|---|"
echo "| start to first answered request (ms, $STARTS starts, sorted) | $sorted|"
echo "| RSS idle after traffic | ${idle} MB |"
echo "| RSS peak, $STREAMS concurrent slow streams (${streamed:-?} streams in 30 s) | ${peak} MB |"
echo "| RSS 20 s after the streams | ${after} MB |"
echo "| JVM options | launcher defaults ${BENCH_JAVA_OPTS:+plus $BENCH_JAVA_OPTS} |"
