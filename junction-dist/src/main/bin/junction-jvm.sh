# shellcheck shell=bash
# Shared by ./junction (the launcher of a source checkout), bin/junction (the release archive's) and the release
# build's AOT training: the JVM options Junction runs with, the AOT cache they fit, and how the JVM is run. Sourced,
# never executed. Keeping one copy means a cache trained by the build fits the options the launcher starts with.

# junction_jvm_options: sets the globals jvm_opts (every option before -jar) and aot_key (the options an AOT cache
# must have been trained with to fit: the collector, compact headers and the heap shape change what it holds).
#
# Default JVM options, measured in docs/benchmarks.md ("Memory and the JVM's options"): the serial collector (the
# JVM's own pick on one CPU; on a gateway's small, short-lived heap its young pauses are short), a heap that starts at
# 64 MB (a smaller one keeps eden at a few MB under load until a full collection grows it) and grows with the load
# (the maximum stays the JVM's default, a quarter of the memory it may use), compact object headers, and native memory
# the JIT compilers freed handed back to the system every 5 s. Options in JUNCTION_JAVA_OPTS come after these and win;
# one that picks another collector or initial heap replaces ours.
junction_jvm_options() {
  local user_opts="${JUNCTION_JAVA_OPTS:-}" stdout_terminal
  # Whether standard output is a terminal picks the default log format (text for a person, JSON lines otherwise);
  # the JVM alone can only tell whether standard input and output both are.
  if [ -t 1 ]; then stdout_terminal=true; else stdout_terminal=false; fi
  local default_opts=(-XX:+UseCompactObjectHeaders -XX:TrimNativeHeapInterval=5000)
  local gc_choice='-XX:\+Use[A-Za-z0-9]+GC' initial_heap='-Xms|-XX:InitialHeapSize'
  [[ "$user_opts" =~ $gc_choice ]] || default_opts+=(-XX:+UseSerialGC)
  [[ "$user_opts" =~ $initial_heap ]] || default_opts+=(-Xms64m)
  jvm_opts=(--enable-native-access=ALL-UNNAMED "-Djunction.stdout.terminal=$stdout_terminal" "${default_opts[@]}")
  # The JVM ignores TMPDIR (java.io.tmpdir is /tmp on Linux); the SQLite driver unpacks its native library there,
  # so a read-only root file system with a tmpfs elsewhere needs it passed on.
  [ -n "${TMPDIR:-}" ] && jvm_opts+=("-Djava.io.tmpdir=$TMPDIR")
  # shellcheck disable=SC2206
  jvm_opts+=($user_opts)
  aot_key="${default_opts[*]} $user_opts"
}

# junction_train_aot JAVA JAR CACHE: trains the JDK's AOT cache (JEP 483/514/515: classes loaded and linked, and method
# profiles) with the `aot-train` workload under the current jvm_opts, and records aot_key beside it in CACHE.opts.
# Returns non-zero, leaving no cache, when training fails.
junction_train_aot() {
  local java="$1" jar="$2" cache="$3"
  rm -f "$cache" "$cache.opts"
  if "$java" "${jvm_opts[@]}" -XX:AOTCacheOutput="$cache" -jar "$jar" aot-train >/dev/null 2>&1 && [ -f "$cache" ]; then
    printf '%s' "$aot_key" >"$cache.opts"
  else
    rm -f "$cache"
    return 1
  fi
}

# junction_aot_opts CACHE: sets aot_opts to use CACHE when it exists, was trained with aot_key and JUNCTION_AOT is
# not 0; else to nothing (the JVM would ignore a cache that does not fit, after a warning).
junction_aot_opts() {
  aot_opts=()
  local cache="$1"
  [ "${JUNCTION_AOT:-1}" != 0 ] && [ -f "$cache" ] && [ "$(cat "$cache.opts" 2>/dev/null)" = "$aot_key" ] || return 0
  # -Xlog: JDK 25 warns about AOT-compiled adapter stubs it cannot link and then runs without them; that is noise.
  aot_opts=(-XX:AOTCache="$cache" "-Xlog:aot*=error")
}

# junction_run JAVA JAR ARG...: runs Junction with jvm_opts and aot_opts. Every command but `serve` replaces the
# shell. `serve` runs as a child that SIGTERM and SIGINT are passed on to, so that a stop that was asked for, and
# drained, exits 0: the JVM's own status after a signal is 128 + its number, which service managers and process
# supervisors count as a failure. Any other status (a crash, a configuration error) is passed through.
junction_run() {
  local java="$1" jar="$2"
  shift 2
  if [ "${1:-}" != serve ]; then
    exec "$java" "${jvm_opts[@]}" "${aot_opts[@]}" -jar "$jar" "$@"
  fi
  local child status stopping="" signalled
  trap 'stopping=1; signalled=1; kill -TERM "$child" 2>/dev/null || true' TERM INT
  # <&0: an asynchronous command would otherwise get /dev/null as its standard input.
  "$java" "${jvm_opts[@]}" "${aot_opts[@]}" -jar "$jar" "$@" <&0 &
  child=$!
  # A trapped signal interrupts `wait`: wait again (for the stored status if the child has ended meanwhile).
  while :; do
    signalled="" status=0
    wait "$child" || status=$?
    [ -z "$signalled" ] && break
  done
  trap - TERM INT
  if [ -n "$stopping" ] && { [ "$status" -eq 143 ] || [ "$status" -eq 130 ]; }; then status=0; fi
  return "$status"
}
