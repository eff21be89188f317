#!/usr/bin/env bash
# Microbenchmarks (JMH). By default the routing one: one routing decision over a group of 100 deployments, per
# strategy (availability filter, pick context, order), in microseconds per pick, with allocation per pick (-prof gc).
# With a first argument naming another benchmark class, that one: SemanticLookupBenchmark is one semantic cache
# lookup (filtered HNSW search and the answer read back) in an index of 100k entries. Measures; never asserts.
#
#   junction-bench/jmh.sh                                  # every strategy, short settings, about 3 minutes
#   junction-bench/jmh.sh SemanticLookupBenchmark          # the semantic lookup, 256 and 1536 dimensions
#   junction-bench/jmh.sh -p strategy=weighted,least-latency -t 2   # extra arguments go to JMH
#   JMH_DEFAULTS="-f 2 -wi 5 -i 10 -prof gc" junction-bench/jmh.sh  # replace the short settings
#
# Builds junction-bench/target/junction-jmh.jar (the build's 'jmh' profile; a plain build never makes or runs it) and
# writes the results as JSON to junction-bench/target/jmh-routing.json (jmh-<name>.json for another) as well.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
JMH_DEFAULTS="${JMH_DEFAULTS:--f 1 -wi 3 -w 1s -i 5 -r 1s -prof gc}"

. "$here/find-java.sh"

echo "building..." >&2
(cd "$root" && ./mvnw -B -q -DskipTests -Pjmh -pl junction-bench -am package >&2)

benchmark=RoutingBenchmark
heap=1g
if [[ $# -gt 0 && "$1" == *Benchmark ]]; then
  benchmark="$1"
  heap=2g  # the semantic index of 100k vectors
  shift
fi
name="${benchmark%Benchmark}"
# shellcheck disable=SC2086
exec "$JAVA" -jar "$here/target/junction-jmh.jar" "$benchmark" $JMH_DEFAULTS \
  -jvmArgs "-Xms$heap -Xmx$heap" -rf json -rff "$here/target/jmh-${name,,}.json" "$@"
