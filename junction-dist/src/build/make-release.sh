#!/usr/bin/env bash
# Lays out the release archive's files in OUT (junction-dist's package phase runs it through exec-maven-plugin; the
# assembly plugin then packs OUT into the tar.gz):
#   runtime/   a jlinked Java runtime with only the modules the fat jar needs
#   lib/       junction.jar, the AOT cache trained with the bundled runtime and the launcher's defaults, the shared
#              launcher functions
#   bin/       the launcher
#   junction.yaml, LICENSE (when the project has one), THIRD-PARTY.txt
# Usage: make-release.sh OUT JAR DIST_DIR DEPENDENCY_LIST LOCAL_REPOSITORY
# The JDK is the build's toolchain (TOOLCHAIN_JAVA_HOME, set by exec-maven-plugin), else JAVA_HOME.
set -euo pipefail

out="$1" jar="$2" dist="$3" dependencies="$4" repository="$5"
jdk="${TOOLCHAIN_JAVA_HOME:-${JAVA_HOME:-}}"
if [ -z "$jdk" ] || [ ! -x "$jdk/bin/jlink" ]; then
  echo "make-release: no JDK with jlink (looked at \$TOOLCHAIN_JAVA_HOME and \$JAVA_HOME)" >&2
  exit 1
fi

# Modules found by reflection or ServiceLoader, which jdeps cannot see: jdk.naming.dns is the JNDI DNS provider that
# Netty's resolver asks for the system's name servers.
extra_modules=jdk.naming.dns

rm -rf "$out"
mkdir -p "$out/bin" "$out/lib"
modules="$("$jdk/bin/jdeps" --print-module-deps --ignore-missing-deps --multi-release 25 "$jar" | tail -1)"
echo "make-release: runtime modules $modules,$extra_modules" >&2
"$jdk/bin/jlink" --add-modules "$modules,$extra_modules" --strip-debug --no-man-pages --no-header-files \
  --compress=zip-6 --output "$out/runtime"

cp "$jar" "$out/lib/junction.jar"
cp "$dist/src/main/bin/junction-jvm.sh" "$out/lib/"
cp "$dist/src/main/bin/junction" "$out/bin/"
chmod 0755 "$out/bin/junction"
cp "$dist/src/main/conf/junction.yaml" "$out/"
for licence in "$dist"/../LICENSE*; do
  if [ -f "$licence" ]; then cp "$licence" "$out/"; fi
done
"$jdk/bin/java" "$dist/src/build/ThirdPartyNotices.java" "$dependencies" "$repository" >"$out/THIRD-PARTY.txt"

# The cache is trained exactly as bin/junction will start: the bundled runtime, the jar at its place in the tree,
# the launcher's default options (JUNCTION_JAVA_OPTS is cleared so a builder's own options do not leak in).
# shellcheck source-path=SCRIPTDIR source=../main/bin/junction-jvm.sh
. "$dist/src/main/bin/junction-jvm.sh"
unset TMPDIR
JUNCTION_JAVA_OPTS='' junction_jvm_options
junction_train_aot "$out/runtime/bin/java" "$out/lib/junction.jar" "$out/lib/junction.aot" \
  || { echo "make-release: training the AOT cache failed" >&2; exit 1; }
