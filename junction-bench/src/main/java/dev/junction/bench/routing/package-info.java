/** JMH microbenchmarks of routing decisions ({@code junction-bench/jmh.sh}). */
package dev.junction.bench.routing;
