#!/usr/bin/env bash
# Builds the runtime image and its tarball from the jars Maven collected in TARGET/jars:
#   runtime/   a jlinked JDK (modules.txt)      lib/mods/  module path: our modules, kernel, AWS SDK, ...
#   lib/cp/    class path (classpath-jars.txt)  bin/delta-s3-proxy  the launcher
#   config.json + tables/  the bundled demo (the fixture tables through the file store, on 127.0.0.1)
#   README.md (README.operator.md), LICENSE, THIRD-PARTY-NOTICES (ThirdPartyNotices.java, from the bundled jars'
#   Maven metadata and the parent poms in MAVEN_REPOSITORY), examples/config.production.json
# Jars lose other platforms' native libraries (native-libraries.txt) and hadoop-client-* the classes the proxy
# cannot reach (slim-jars.txt; scripts/check-image-golden proves the slim image behaves like the full one).
# Usage: build-image.sh VERSION TARGET [MAVEN_REPOSITORY]
set -euo pipefail
version=$1
target=$2
repository=${3:-$HOME/.m2/repository}
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
name="delta-s3-proxy-$version"
image="$target/image/$name"
: "${JAVA_HOME:?JAVA_HOME must point at a JDK 25}"

rm -rf "$target/image"
mkdir -p "$image/lib/mods" "$image/lib/cp" "$image/bin"

modules=$(grep -v '^#' "$here/modules.txt" | grep -v '^$' | paste -sd, -)
"$JAVA_HOME/bin/jlink" --add-modules "$modules" --strip-debug --no-header-files --no-man-pages \
  --compress zip-6 --output "$image/runtime"

mapfile -t classpath_patterns < <(grep -v '^#' "$here/classpath-jars.txt" | grep -v '^$')
for jar in "$target"/jars/*.jar; do
  file=$(basename "$jar")
  destination="$image/lib/mods"
  for pattern in "${classpath_patterns[@]}"; do
    # shellcheck disable=SC2053
    if [[ $file == $pattern ]]; then destination="$image/lib/cp"; break; fi
  done
  cp "$jar" "$destination/"
done

"$JAVA_HOME/bin/java" "$here/StripNativeLibraries.java" "$here/native-libraries.txt" "$image/lib/mods" "$image/lib/cp"
# hadoop-client-* down to the classes parquet-hadoop can reach (slim-jars.txt); the full jars stay in $target/jars,
# which scripts/check-image-golden compares the slim image against.
"$JAVA_HOME/bin/java" "$here/SlimJars.java" "$here/slim-jars.txt" "$image/lib/mods" "$image/lib/cp"

install -m 0755 "$here/delta-s3-proxy" "$image/bin/delta-s3-proxy"
cp "$here/jvm.options" "$image/lib/jvm.options"
sed 's#file:test-fixtures/tables/#file:tables/#g' "$root/config.json" > "$image/config.json"
cp -r "$root/test-fixtures/tables" "$image/tables"
cp "$here/README.operator.md" "$image/README.md"
cp "$root/LICENSE" "$image/LICENSE"
mkdir -p "$image/examples"
cp "$here/examples/config.production.json" "$image/examples/"
"$JAVA_HOME/bin/java" -Dnotices.licenses="$here/licenses" "$here/ThirdPartyNotices.java" "$image/THIRD-PARTY-NOTICES" "$repository" \
  "$image/lib/mods" "$image/lib/cp"

tarball="$target/$name-linux-x64.tar.gz"
tar -C "$target/image" -cf - "$name" | gzip -9 > "$tarball"
echo "image: $image"
echo "tarball: $tarball ($(du -h "$tarball" | cut -f1))"
