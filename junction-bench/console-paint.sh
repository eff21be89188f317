#!/usr/bin/env bash
# The console's first paint over a large store: seeds ROWS request-log entries (and their rollups, as the gateway
# writes them) over the last 30 days into a SQLite store, starts Junction on it, and loads the overview in headless
# Chromium RUNS times, each in a fresh browser profile (nothing cached). Prints, per run and as a median: the first
# contentful paint, and the time until the overview shows its figures (every stat card holds a number). Measures;
# never asserts.
#
#   junction-bench/console-paint.sh              # 1,000,000 rows, 5 runs
#   ROWS=100000 RUNS=3 junction-bench/console-paint.sh
#   KEEP=1 junction-bench/console-paint.sh       # keep the seeded store in $STORE for the next run
#   PAINT_QUERY='?range=30d' junction-bench/console-paint.sh   # the overview over 30 days instead of the last hour
#
# Needs Node.js (the console's own playwright-core) and Debian's chromium at /usr/bin/chromium (or $CHROMIUM).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
ROWS="${ROWS:-1000000}"
RUNS="${RUNS:-5}"
GW_PORT="${GW_PORT:-19021}"
STORE="${STORE:-/tmp/junction-console-paint-$ROWS}"
ADMIN_KEY="paint-admin-key-0123456789"
export CHROMIUM="${CHROMIUM:-/usr/bin/chromium}"
[ -x "$CHROMIUM" ] || { echo "console-paint.sh needs chromium at $CHROMIUM (apt-get install chromium)" >&2; exit 1; }
. "$here/find-java.sh"
(cd "$root" && ./mvnw -B -q -DskipTests package -pl junction-bench -am >&2)
[ -d "$root/junction-console/node_modules/playwright-core" ] \
  || { echo "the console's npm packages are missing: build the console first (./mvnw package)" >&2; exit 1; }

if [ ! -f "$STORE/seeded-$ROWS" ]; then
  rm -rf "$STORE" && mkdir -p "$STORE"
  "$JAVA" -cp "$here/target/junction-bench.jar" dev.junction.bench.console.SeedRequestLog \
    --url "jdbc:sqlite:$STORE/junction.db" --rows "$ROWS" --days 30 >&2
  touch "$STORE/seeded-$ROWS"
fi

gw=""
cleanup() { [ -n "$gw" ] && kill "$gw" 2>/dev/null || true; [ "${KEEP:-0}" = 1 ] || rm -rf "$STORE"; }
trap cleanup EXIT
JUNCTION_DATA_DIR="$STORE" JUNCTION_ADMIN_KEY="$ADMIN_KEY" "$JAVA" -jar "$root/junction-server/target/junction.jar" \
  serve --port "$GW_PORT" > "$STORE/gateway.log" 2>&1 &
gw=$!
for _ in $(seq 1 100); do curl -fs "http://127.0.0.1:$GW_PORT/ready" >/dev/null 2>&1 && break; sleep 0.2; done
curl -fs "http://127.0.0.1:$GW_PORT/ready" >/dev/null || { cat "$STORE/gateway.log" >&2; exit 1; }

echo "rows: $ROWS; CPU: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs) ($(nproc) cores)"
JUNCTION_URL="http://127.0.0.1:$GW_PORT" JUNCTION_ADMIN_KEY="$ADMIN_KEY" RUNS="$RUNS" PAINT_QUERY="${PAINT_QUERY:-}" \
  node "$here/console-paint.mjs"
