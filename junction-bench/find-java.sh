# Sourced by the benchmark scripts: sets JAVA to a java of JDK 25 or newer ($JAVA_HOME first, then /usr/lib/jvm,
# then the PATH), or exits with a message.
JAVA=""
for c in "${JAVA_HOME:-}/bin/java" /usr/lib/jvm/*/bin/java "$(command -v java || true)"; do
  [ -x "$c" ] || continue
  v="$("$c" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2; exit}')"
  if [ -n "$v" ] && [ "${v%%.*}" -ge 25 ] 2>/dev/null; then JAVA="$c"; break; fi
done
[ -n "$JAVA" ] || { echo "no JDK 25 found" >&2; exit 1; }
