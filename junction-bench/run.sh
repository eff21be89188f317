#!/usr/bin/env bash
# Load benchmark: direct-to-mock versus through Junction, non-streaming and streaming, at several concurrencies and
# upstream latencies. Prints a markdown table (requests/s, p50, p99) and Junction's RSS. Measures; never asserts.
#
#   junction-bench/run.sh                 # full matrix, 10 s per cell
#   DURATION=5s CONNS="64 256" LATENCIES="50" junction-bench/run.sh
#   MODES="anthropic anthropic-stream" junction-bench/run.sh   # translated: Anthropic clients, OpenAI upstream
#   MODES="json responses responses-stream" junction-bench/run.sh   # Responses clients, Anthropic upstream
#   junction-bench/run.sh --quick         # the regression guard: 16 and 256 conns, 5 s cells, a ratio summary
#   BENCH_JAVA_OPTS="-XX:+UseG1GC" junction-bench/run.sh   # Junction with other JVM options (default: the launcher's own)
#   OBSERVE=full junction-bench/run.sh --quick   # governed Junction also traces every request to a local OTLP sink
#   OBSERVE=off junction-bench/run.sh --quick    # governed Junction without metrics (rollups are always on)
#   GUARDRAILS=1 junction-bench/run.sh --quick   # governed Junction with the PII and secrets detectors on both ways
#
# Modes: json and stream are OpenAI clients of an OpenAI upstream (the byte fast path); anthropic and
# anthropic-stream are Anthropic clients of the same OpenAI upstream (translated both ways), compared with the mock
# answering Anthropic's format itself; responses and responses-stream are Responses API clients of an Anthropic
# upstream (translated both ways), compared with the mock answering the Responses format itself.
#
# CPU/req is the Junction process's CPU time (user + system, every thread: event loops, the request-log writer, the
# JIT, the collector) during the measured run, divided by the requests it answered.
#
# Cores: Junction is pinned to CPU 0; the mock upstream and wrk share CPU 1 (on a 2-core machine).
set -euo pipefail
if [ "${1:-}" = --quick ]; then
  # Short cells after a short warm-up: enough to see a regression of the ratios, not to publish numbers.
  export DURATION="${DURATION:-5s}" WARMUP="${WARMUP:-40s}" CELL_WARMUP="${CELL_WARMUP:-2s}" CONNS="${CONNS:-16 256}"
  QUICK=1
fi
QUICK="${QUICK:-0}"
here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
DURATION="${DURATION:-10s}"
CONNS="${CONNS:-16 64 256}"
LATENCIES="${LATENCIES:-0 50}"
MODES="${MODES:-json stream}"
WARMUP="${WARMUP:-30s}"   # per mode; the JIT needs ~20-30 s of load on one core to settle
MOCK_PORT="${MOCK_PORT:-19001}"
GW_PORT="${GW_PORT:-19002}"
GOV_PORT="${GOV_PORT:-19004}"
JUNCTION_CPUS="${JUNCTION_CPUS:-0}"   # the cores Junction may use; "0,1" shares both with the mock and wrk
GOVERNED="${GOVERNED:-1}"  # also measure a governed Junction: virtual key, rate limits, a budget, request log in SQLite
OBSERVE="${OBSERVE:-default}" # governed Junction's observability: default (metrics and rollups on, as shipped),
                              # full (also traces and log records over OTLP to a local sink), off (no metrics)
GUARDRAILS="${GUARDRAILS:-0}" # 1: governed Junction also runs the default PII and secrets policy on input and output
OTLP_PORT="${OTLP_PORT:-19005}"
WORK="$(mktemp -d)"

NGINX_PORT="${NGINX_PORT:-19003}"
REFERENCE="${REFERENCE:-nginx}"   # a pass-through nginx on the same core, for comparison; REFERENCE=none skips it

install_pkg() { # command package
  command -v "$1" >/dev/null 2>&1 && return 0
  echo "installing $2 (Debian package)..." >&2
  local sudo=""; [ "$(id -u)" = 0 ] || sudo=sudo
  $sudo apt-get update -qq >/dev/null && $sudo apt-get install -y -qq "$2" >/dev/null
}
install_pkg wrk wrk
install_pkg jq jq
[ "$REFERENCE" = nginx ] && { [ -x /usr/sbin/nginx ] || install_pkg nginx nginx-light; }

. "$here/find-java.sh"

echo "building..." >&2
(cd "$root" && ./mvnw -B -q -DskipTests package >&2)
# Junction starts through its launcher, as users run it: same JVM options, same start-up cache (trained here once).
JUNCTION_JAVA_OPTS="${BENCH_JAVA_OPTS:-}" JAVA_HOME="$(dirname "$(dirname "$JAVA")")" "$root/junction" version >/dev/null

pids=()
summary=()
cleanup() { for p in "${pids[@]:-}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$WORK"; }
trap cleanup EXIT

wait_port() { # port [log]
  for _ in $(seq 1 300); do (exec 3<>/dev/tcp/127.0.0.1/"$1") 2>/dev/null && return 0; sleep 0.1; done
  echo "port $1 not up after 30 s" >&2; [ -n "${2:-}" ] && tail -20 "$2" >&2; return 1
}

start_mock() { # latency
  taskset -c 1 "$JAVA" -Xms256m -Xmx256m -jar "$here/target/junction-bench.jar" --port "$MOCK_PORT" \
    --latency-ms "$1" --words 20 --instances 1 >"$WORK/mock.log" 2>&1 &
  mock_pid=$!; pids+=("$mock_pid"); wait_port "$MOCK_PORT"
}

start_junction() {
  ANTHROPIC_BASE_URL="http://127.0.0.1:$MOCK_PORT/v1" ANTHROPIC_API_KEY="sk-ant-bench-upstream" \
  OPENAI_BASE_URL="http://127.0.0.1:$MOCK_PORT/v1" OPENAI_API_KEY="sk-bench-upstream" \
  JUNCTION_MASTER_KEY="bench-key-0123456789" JUNCTION_DATA_DIR="$WORK/bare" \
  JUNCTION_JAVA_OPTS="${BENCH_JAVA_OPTS:-}" JAVA_HOME="$(dirname "$(dirname "$JAVA")")" \
    taskset -c "$JUNCTION_CPUS" "$root/junction" serve --port "$GW_PORT" >"$WORK/junction.log" 2>&1 &
  gw_pid=$!; pids+=("$gw_pid"); wait_port "$GW_PORT" "$WORK/junction.log"
}

# A second Junction with governance on: its own SQLite store, a virtual key with RPM/TPM/concurrency limits and a
# monthly budget (all far above the load, so every request is checked, reserved, settled and logged, none refused).
start_governed() {
  rm -rf "$WORK/gov"; mkdir -p "$WORK/gov"
  local observe_env=() config=()
  case "$OBSERVE" in
    full)
      taskset -c 1 "$JAVA" -Xms64m -Xmx128m -cp "$here/target/junction-bench.jar" dev.junction.bench.OtlpSinkMain \
        --port "$OTLP_PORT" >"$WORK/otlp.log" 2>&1 &
      pids+=("$!"); wait_port "$OTLP_PORT" "$WORK/otlp.log"
      printf 'tracing: {logs: true}\n' >"$WORK/gov/junction.yaml"; config=(--config "$WORK/gov/junction.yaml")
      observe_env=(OTLP_ENDPOINT="127.0.0.1:$OTLP_PORT") ;;
    off) printf 'metrics: {enabled: false}\n' >"$WORK/gov/junction.yaml"; config=(--config "$WORK/gov/junction.yaml") ;;
    default) ;;
    *) echo "OBSERVE must be default, full or off" >&2; exit 1 ;;
  esac
  if [ "$GUARDRAILS" = 1 ]; then
    # Every request and answer scanned (nothing in the benchmark's prompts matches, so none is refused or masked).
    printf 'guardrails:\n  policies:\n    default:\n      detectors: [pii, secrets]\n      on: both\n      actions: {pii: redact, secrets: block}\n' \
      >>"$WORK/gov/junction.yaml"
    config=(--config "$WORK/gov/junction.yaml")
  fi
  env "${observe_env[@]}" \
  ANTHROPIC_BASE_URL="http://127.0.0.1:$MOCK_PORT/v1" ANTHROPIC_API_KEY="sk-ant-bench-upstream" \
  OPENAI_BASE_URL="http://127.0.0.1:$MOCK_PORT/v1" OPENAI_API_KEY="sk-bench-upstream" \
  JUNCTION_ADMIN_KEY="bench-admin-0123456789" JUNCTION_DATA_DIR="$WORK/gov" \
  JUNCTION_JAVA_OPTS="${BENCH_JAVA_OPTS:-}" JAVA_HOME="$(dirname "$(dirname "$JAVA")")" \
    taskset -c "$JUNCTION_CPUS" "$root/junction" serve "${config[@]}" --port "$GOV_PORT" >"$WORK/governed.log" 2>&1 &
  gov_pid=$!; pids+=("$gov_pid"); wait_port "$GOV_PORT" "$WORK/governed.log"
  local api="http://127.0.0.1:$GOV_PORT/api/admin" auth="authorization: Bearer bench-admin-0123456789"
  local user key
  user=$(curl -sf "$api/users" -H "$auth" -H 'content-type: application/json' -d '{"name":"bench"}' | jq -r .id)
  key=$(curl -sf "$api/keys" -H "$auth" -H 'content-type: application/json' \
    -d "{\"user_id\":\"$user\",\"name\":\"bench\",\"rpm\":100000000,\"tpm\":100000000000,\"max_concurrent\":100000}")
  GOV_KEY=$(echo "$key" | jq -r .key)
  curl -sf "$api/budgets" -H "$auth" -H 'content-type: application/json' \
    -d "{\"scope\":\"key\",\"scope_id\":\"$(echo "$key" | jq -r .id)\",\"amount_usd\":1000000,\"period\":\"monthly\"}" >/dev/null
  [ -n "$GOV_KEY" ] && [ "$GOV_KEY" != null ] || { echo "could not create the benchmark's virtual key" >&2; exit 1; }
}

start_nginx() { # a streaming pass-through proxy: keep-alive upstream, no buffering, one worker on CPU 0
  mkdir -p "$WORK/nginx"
  cat >"$WORK/nginx/nginx.conf" <<CONF
worker_processes 1;
worker_cpu_affinity 01;
pid $WORK/nginx/nginx.pid;
error_log $WORK/nginx/error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  client_body_temp_path $WORK/nginx/body;
  proxy_temp_path $WORK/nginx/proxy;
  upstream mock { server 127.0.0.1:$MOCK_PORT; keepalive 512; }
  server {
    listen 127.0.0.1:$NGINX_PORT;
    location / {
      proxy_pass http://mock;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_buffering off;
    }
  }
}
CONF
  /usr/sbin/nginx -c "$WORK/nginx/nginx.conf" -p "$WORK/nginx" -g 'daemon off;' &
  nginx_pid=$!; pids+=("$nginx_pid"); wait_port "$NGINX_PORT"
}

run_wrk() { # url conns stream [mode] [key]
  local script=chat.lua path=/v1/chat/completions
  case "${4:-json}" in
    anthropic*) script=messages.lua; path=/v1/messages ;;
    responses*) script=responses.lua; path=/v1/responses ;;
  esac
  BENCH_KEY="${5:-bench-key-0123456789}" STREAM="$3" taskset -c 1 wrk -t1 -c"$2" -d"$DURATION" --latency -s "$here/wrk/$script" "$1$path" 2>&1
}

# The JVM of a Junction started by the launcher (`serve` runs as the launcher's child).
jvm_pid() { # launcher-pid
  local jvm; jvm=$(pgrep -P "$1" java 2>/dev/null | head -1); echo "${jvm:-$1}"
}
# CPU time (user + system, in clock ticks) a Junction has used so far.
cpu_ticks() { # launcher-pid
  awk '{print $14 + $15}' "/proc/$(jvm_pid "$1")/stat"
}
# CPU microseconds per request from two cpu_ticks readings and wrk's output (requests in the run).
cpu_per_request() { # ticks-before ticks-after wrk-output-file
  awk -v a="$1" -v b="$2" -v hz="$(getconf CLK_TCK)" '/requests in/ { if ($1 > 0) printf "%.0f", (b - a) / hz * 1e6 / $1 }' "$3"
}

# Prints "rps p50 p99" from wrk output.
parse() {
  awk '/Requests\/sec/ {rps=$2} /^ +50%/ {p50=$2} /^ +99%/ {p99=$2} /Non-2xx/ {bad=$4} END {printf "%s %s %s %s\n", rps, p50, p99, (bad==""?0:bad)}'
}

echo "| upstream latency | mode | conns | direct req/s | direct p50 | direct p99 | nginx req/s | nginx p99 | Junction req/s | Junction p50 | Junction p99 | Junction/direct | Junction CPU/req | Junction RSS | governed req/s | governed p50 | governed p99 | governed/bare | governed CPU/req | governed RSS |"
echo "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|"
for lat in $LATENCIES; do
  start_mock "$lat"
  [ "$REFERENCE" = nginx ] && start_nginx
  start_junction
  [ "$GOVERNED" = 1 ] && start_governed
  # warm-up: JIT every measured path (and the mock's)
  for mode in $MODES; do
    s=0; case "$mode" in *stream) s=1 ;; esac
    DURATION="$WARMUP" run_wrk "http://127.0.0.1:$GW_PORT" 64 "$s" "$mode" >/dev/null
    [ "$GOVERNED" = 1 ] && DURATION="$WARMUP" run_wrk "http://127.0.0.1:$GOV_PORT" 64 "$s" "$mode" "$GOV_KEY" >/dev/null
    DURATION=5s run_wrk "http://127.0.0.1:$MOCK_PORT" 64 "$s" "$mode" >/dev/null
  done
  for mode in $MODES; do
    s=0; case "$mode" in *stream) s=1 ;; esac
    for c in $CONNS; do
      read -r d_rps d_p50 d_p99 d_bad < <(run_wrk "http://127.0.0.1:$MOCK_PORT" "$c" "$s" "$mode" | parse)
      n_rps="-"; n_p99="-"
      if [ "$REFERENCE" = nginx ]; then
        read -r n_rps _ n_p99 _ < <(run_wrk "http://127.0.0.1:$NGINX_PORT" "$c" "$s" "$mode" | parse)
      fi
      # Let the JIT settle at this concurrency before measuring (a cold cell shows the warm-up, not the gateway).
      DURATION="${CELL_WARMUP:-5s}" run_wrk "http://127.0.0.1:$GW_PORT" "$c" "$s" "$mode" >/dev/null
      t0=$(cpu_ticks "$gw_pid")
      run_wrk "http://127.0.0.1:$GW_PORT" "$c" "$s" "$mode" >"$WORK/wrk.out"
      j_cpu=$(cpu_per_request "$t0" "$(cpu_ticks "$gw_pid")" "$WORK/wrk.out")
      read -r j_rps j_p50 j_p99 j_bad < <(parse <"$WORK/wrk.out")
      rss=$(( $(ps -o rss= -p "$(jvm_pid "$gw_pid")") / 1024 ))
      ratio=$(awk -v a="$j_rps" -v b="$d_rps" 'BEGIN { if (b > 0) printf "%.1f%%", 100*a/b; else print "-" }')
      errs=""; [ "$j_bad" != 0 ] && errs=" ($j_bad non-2xx)"
      g_cols="- | - | - | - | - | -"
      if [ "$GOVERNED" = 1 ]; then
        DURATION="${CELL_WARMUP:-5s}" run_wrk "http://127.0.0.1:$GOV_PORT" "$c" "$s" "$mode" "$GOV_KEY" >/dev/null
        t0=$(cpu_ticks "$gov_pid")
        run_wrk "http://127.0.0.1:$GOV_PORT" "$c" "$s" "$mode" "$GOV_KEY" >"$WORK/wrk.out"
        g_cpu=$(cpu_per_request "$t0" "$(cpu_ticks "$gov_pid")" "$WORK/wrk.out")
        read -r g_rps g_p50 g_p99 g_bad < <(parse <"$WORK/wrk.out")
        g_rss=$(( $(ps -o rss= -p "$(jvm_pid "$gov_pid")") / 1024 ))
        g_ratio=$(awk -v a="$g_rps" -v b="$j_rps" 'BEGIN { if (b > 0) printf "%.1f%%", 100*a/b; else print "-" }')
        g_errs=""; [ "$g_bad" != 0 ] && g_errs=" ($g_bad non-2xx)"
        g_cols="$g_rps$g_errs | $g_p50 | $g_p99 | $g_ratio | ${g_cpu:--} µs | ${g_rss} MB"
      fi
      echo "| ${lat} ms | $mode | $c | $d_rps | $d_p50 | $d_p99 | $n_rps | $n_p99 | $j_rps$errs | $j_p50 | $j_p99 | $ratio | ${j_cpu:--} µs | ${rss} MB | $g_cols |"
      summary+=("$lat $mode $c $d_rps $d_p99 $n_rps ${j_rps} ${j_p99} ${g_rps:--} ${g_p99:--}")
    done
  done
  if [ "$GOVERNED" = 1 ]; then
    logged=$(sqlite3 "$WORK/gov/junction.db" 'SELECT COUNT(*) FROM request_logs' 2>/dev/null || echo "?")
    echo "governed: $logged requests in the request log so far (the writer flushes every 250 ms)" >&2
  fi
  kill "$gw_pid" "$mock_pid" ${nginx_pid:-} ${gov_pid:-} 2>/dev/null || true
  wait "$gw_pid" "$mock_pid" ${nginx_pid:-} ${gov_pid:-} 2>/dev/null || true
done
if [ "$QUICK" = 1 ]; then
  echo
  echo "summary (0 ms: share of nginx's requests/s; 50 ms: p99 added to direct's)"
  ms() { awk -v v="$1" 'BEGIN { if (v ~ /us$/) { sub(/us$/, "", v); print v/1000 } else if (v ~ /ms$/) { sub(/ms$/, "", v); print v } else if (v ~ /s$/) { sub(/s$/, "", v); print v*1000 } else print "nan" }'; }
  for row in "${summary[@]}"; do
    read -r lat mode c d_rps d_p99 n_rps j_rps j_p99 g_rps g_p99 <<<"$row"
    if [ "$lat" = 0 ]; then
      awk -v m="$mode" -v c="$c" -v n="$n_rps" -v j="$j_rps" -v g="$g_rps" 'BEGIN { if (n+0 > 0)
        printf "  0 ms %-7s %4s conns: bare %5.1f%% of nginx, governed %5.1f%%\n", m, c, 100*j/n, (g == "-" ? 0 : 100*g/n) }'
    else
      awk -v m="$mode" -v c="$c" -v l="$lat" -v d="$(ms "$d_p99")" -v j="$(ms "$j_p99")" -v g="$(ms "$g_p99")" 'BEGIN {
        printf "  %s ms %-7s %4s conns: p99 bare %+.2f ms, governed %+.2f ms vs direct\n", l, m, c, j-d, g-d }'
    fi
  done
fi
echo
echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
echo "java: $("$JAVA" -version 2>&1 | head -1)"
