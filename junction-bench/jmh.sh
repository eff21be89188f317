#!/usr/bin/env bash
# Routing microbenchmark (JMH): one routing decision over a group of 100 deployments, per strategy (availability
# filter, pick context, order), in microseconds per pick, with allocation per pick (-prof gc). Measures; never asserts.
#
#   junction-bench/jmh.sh                                  # every strategy, short settings, about 3 minutes
#   junction-bench/jmh.sh -p strategy=weighted,least-latency -t 2   # extra arguments go to JMH
#   JMH_DEFAULTS="-f 2 -wi 5 -i 10 -prof gc" junction-bench/jmh.sh  # replace the short settings
#
# Builds junction-bench/target/junction-jmh.jar (the build's 'jmh' profile; a plain build never makes or runs it) and
# writes the results as JSON to junction-bench/target/jmh-routing.json as well.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
JMH_DEFAULTS="${JMH_DEFAULTS:--f 1 -wi 3 -w 1s -i 5 -r 1s -prof gc}"

. "$here/find-java.sh"

echo "building..." >&2
(cd "$root" && ./mvnw -B -q -DskipTests -Pjmh -pl junction-bench -am package >&2)

# shellcheck disable=SC2086
exec "$JAVA" -jar "$here/target/junction-jmh.jar" RoutingBenchmark $JMH_DEFAULTS \
  -jvmArgs "-Xms1g -Xmx1g" -rf json -rff "$here/target/jmh-routing.json" "$@"
