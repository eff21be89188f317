#!/usr/bin/env bash
# Footprint of Junction as the launcher runs it (its default JVM options, its start-up cache), in one command:
#   - start to the first answered chat request (through the upstream): first starts on a fresh data directory (the
#     migrations run) and restarts on an existing one, STARTS times each;
#   - resident memory idle after some traffic (Rss, Pss, Private_Dirty from /proc/PID/smaps_rollup, and the largest
#     mappings: the AOT cache, the heap, libjvm);
#   - resident memory while it relays STREAMS concurrent slow streams (the peak), the heap then, and 20 s after.
# Measures; never asserts. Prints a markdown table.
#
#   junction-bench/footprint.sh
#   STREAMS=2000 EVENT_DELAY_MS=500 junction-bench/footprint.sh
#   BENCH_JAVA_OPTS="-XX:+UseG1GC" junction-bench/footprint.sh   # other JVM options (after the launcher's, they win)
#   NMT=1 junction-bench/footprint.sh       # also Native Memory Tracking's summary, idle and under the streams
#                                           # (NMT costs a few MB itself: read its categories, not the RSS, then)
#   BUILD=0 junction-bench/footprint.sh     # use the jars already built
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
[ "${BUILD:-1}" = 0 ] || (cd "$root" && ./mvnw -B -q -DskipTests package >&2)
export JAVA_HOME="$(dirname "$(dirname "$JAVA")")"
JUNCTION_JAVA_OPTS="${BENCH_JAVA_OPTS:-}"
[ "${NMT:-0}" = 1 ] && JUNCTION_JAVA_OPTS="$JUNCTION_JAVA_OPTS -XX:NativeMemoryTracking=summary"
export JUNCTION_JAVA_OPTS
"$root/junction" version >/dev/null   # trains the start-up cache once, outside the measurement

pids=()
cleanup() { for p in "${pids[@]:-}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$WORK"; }
trap cleanup EXIT
ulimit -n 65536 2>/dev/null || true

# The launcher runs `serve` as its child: the JVM is that child.
jvm_pid() { local jvm; jvm=$(pgrep -P "$1" java 2>/dev/null | head -1); echo "${jvm:-$1}"; }
rollup_mb() { # launcher-pid field (Rss, Pss, Private_Dirty, ...) from smaps_rollup, in MB
  awk -v k="$2:" '$1 == k {print int($2 / 1024)}' "/proc/$(jvm_pid "$1")/smaps_rollup"
}
rss_mb() { rollup_mb "$1" Rss; }
# The resident MB of the mappings whose name matches a pattern (the heap is found by its address range).
mapping_mb() { # launcher-pid awk-pattern
  awk -v pat="$2" '/^[0-9a-f]+-[0-9a-f]+ / {on = ($6 ~ pat)} on && /^Rss:/ {s += $2} END {print int(s / 1024)}' \
    "/proc/$(jvm_pid "$1")/smaps"
}
heap_mb() { # resident MB of the Java heap: the mappings inside the range GC.heap_info reports
  local jvm ranges
  jvm=$(jvm_pid "$1")
  ranges=$("$JAVA_HOME/bin/jcmd" "$jvm" GC.heap_info 2>/dev/null | grep -oE '\[0x[0-9a-f]+, (0x[0-9a-f]+, )?0x[0-9a-f]+\)' \
    | sed -E 's/\[0x([0-9a-f]+), (0x[0-9a-f]+, )?0x([0-9a-f]+)\)/\1 \3/' | tr '\n' ' ')
  awk -v ranges="$ranges" 'BEGIN {n = split(ranges, r, " ")}
    function hex(s,  i, v, c) { v = 0; s = tolower(s); for (i = 1; i <= length(s); i++) { c = index("0123456789abcdef", substr(s, i, 1)) - 1; v = v * 16 + c }; return v }
    /^[0-9a-f]+-[0-9a-f]+ / { split($1, a, "-"); lo = hex(a[1]); on = 0
      for (i = 1; i < n; i += 2) if (lo >= hex(r[i]) && lo < hex(r[i + 1])) on = 1 }
    on && /^Rss:/ {s += $2} END {print int(s / 1024)}' "/proc/$jvm/smaps"
}
heap_shape() { # "young+old committed / used" in MB, from GC.heap_info
  "$JAVA_HOME/bin/jcmd" "$(jvm_pid "$1")" GC.heap_info 2>/dev/null | awk '
    / total [0-9]+K, used [0-9]+K/ { for (i = 1; i <= NF; i++) { if ($i == "total") t += $(i + 1); if ($i == "used") u += $(i + 1) } }
    END {printf "%d MB committed, %d MB used", t / 1024, u / 1024}'
}
nmt() { # launcher-pid label: the NMT categories above 1 MB committed
  [ "${NMT:-0}" = 1 ] || return 0
  "$JAVA_HOME/bin/jcmd" "$(jvm_pid "$1")" VM.native_memory summary 2>/dev/null | awk -v label="$2" '
    /^-/ { name = $0; sub(/^- */, "", name); sub(/ *\(reserved.*/, "", name)
      if (match($0, /committed=[0-9]+KB/)) { c = substr($0, RSTART + 10, RLENGTH - 12) + 0; if (c >= 1024) out = out sprintf("%s %d, ", name, c / 1024) } }
    END { sub(/, $/, "", out); printf "| NMT committed, %s (MB) | %s |\n", label, out }' >>"$WORK/nmt.md"
}
chat() { # stream
  curl -sf "http://127.0.0.1:$GW_PORT/v1/chat/completions" -H "authorization: Bearer $KEY" \
    -H 'content-type: application/json' \
    -d "{\"model\":\"openai/gpt-4o-mini\",\"stream\":$1,\"messages\":[{\"role\":\"user\",\"content\":\"hello\"}]}"
}
start_junction() {
  OPENAI_BASE_URL="http://127.0.0.1:$MOCK_PORT/v1" OPENAI_API_KEY="sk-bench-upstream" JUNCTION_MASTER_KEY="$KEY" \
    JUNCTION_DATA_DIR="$WORK/data" taskset -c 0 "$root/junction" serve --port "$GW_PORT" >"$WORK/junction.log" 2>&1 &
  gw_pid=$!; pids+=("$gw_pid")
}
stop_junction() { kill "$gw_pid" 2>/dev/null || true; wait "$gw_pid" 2>/dev/null || true; }
time_start() { # prints ms from exec to the first answered chat completion
  local t0
  t0=$(date +%s%N)
  start_junction
  until chat false >/dev/null 2>&1; do sleep 0.01; done
  echo "$(( ($(date +%s%N) - t0) / 1000000 ))"
  stop_junction
}

taskset -c 1 "$JAVA" -Xms256m -Xmx256m -jar "$here/target/junction-bench.jar" --port "$MOCK_PORT" --words 20 \
  --event-delay-ms "$EVENT_DELAY_MS" --instances 1 >"$WORK/mock.log" 2>&1 &
pids+=("$!")
for _ in $(seq 1 300); do (exec 3<>/dev/tcp/127.0.0.1/"$MOCK_PORT") 2>/dev/null && break; sleep 0.1; done

# Cold start: from exec to the first answered chat completion, first starts (fresh data directory) and restarts.
firsts=(); restarts=()
for _ in $(seq 1 "$STARTS"); do rm -rf "$WORK/data"; firsts+=("$(time_start)"); done
for _ in $(seq 1 "$STARTS"); do restarts+=("$(time_start)"); done

# Idle: after 500 requests and 20 concurrent streams, 20 s of quiet.
rm -rf "$WORK/data"
start_junction
until chat false >/dev/null 2>&1; do sleep 0.05; done
for _ in $(seq 1 500); do chat false >/dev/null; done
streams=()
for _ in $(seq 1 20); do chat true >/dev/null & streams+=("$!"); done
for s in "${streams[@]}"; do wait "$s" || true; done
sleep 20
idle="$(rss_mb "$gw_pid") MB (Pss $(rollup_mb "$gw_pid" Pss), Private_Dirty $(rollup_mb "$gw_pid" Private_Dirty))"
idle_parts="AOT cache $(mapping_mb "$gw_pid" '\\.aot$'), heap $(heap_mb "$gw_pid") ($(heap_shape "$gw_pid")), libjvm $(mapping_mb "$gw_pid" 'libjvm')"
threads=$(ls "/proc/$(jvm_pid "$gw_pid")/task" | wc -l)
nmt "$gw_pid" idle

# Slow streams: STREAMS connections each relaying a stream after stream for 30 s; the peak resident size.
peak=0
STREAM=1 BENCH_KEY="$KEY" taskset -c 1 wrk -t2 -c"$STREAMS" -d30s --timeout 30s -s "$here/wrk/chat.lua" \
  "http://127.0.0.1:$GW_PORT/v1/chat/completions" >"$WORK/wrk.txt" 2>&1 &
wrk_pid=$!
while kill -0 "$wrk_pid" 2>/dev/null; do
  r=$(rss_mb "$gw_pid"); [ "$r" -gt "$peak" ] && peak=$r; sleep 1
done
streamed=$(awk '/requests in/ {print $1}' "$WORK/wrk.txt")
streams_heap="$(heap_mb "$gw_pid") MB resident ($(heap_shape "$gw_pid"))"
nmt "$gw_pid" "after $STREAMS streams"
sleep 20
after=$(rss_mb "$gw_pid")
stop_junction

sorted() { printf '%s\n' "$@" | sort -n | tr '\n' ' '; }
echo "| measure | value |"
echo "|---|---|"
echo "| start to first answered request, fresh data directory (ms, $STARTS starts, sorted) | $(sorted "${firsts[@]}")|"
echo "| start to first answered request, restart (ms, $STARTS starts, sorted) | $(sorted "${restarts[@]}")|"
echo "| RSS idle after traffic | $idle |"
echo "| of which (resident MB) | $idle_parts |"
echo "| threads idle | $threads |"
echo "| RSS peak, $STREAMS concurrent slow streams (${streamed:-?} streams in 30 s) | ${peak} MB |"
echo "| heap after the streams | $streams_heap |"
echo "| RSS 20 s after the streams | ${after} MB |"
[ -f "$WORK/nmt.md" ] && cat "$WORK/nmt.md"
echo "| JVM options | launcher defaults${JUNCTION_JAVA_OPTS:+ plus$JUNCTION_JAVA_OPTS} |"
echo "| machine | $(nproc) CPUs ($(lscpu | awk -F': *' '/Model name/ {print $2; exit}')), $("$JAVA" -version 2>&1 | awk -F'"' '/version/ {print $2; exit}'), load average $(cut -d' ' -f1-3 /proc/loadavg) |"
