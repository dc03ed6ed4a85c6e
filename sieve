#!/usr/bin/env bash
# Sieve launcher: builds the runnable jar when it is missing or older than the sources, then runs it.
#   ./sieve run              start the proxy (127.0.0.1:3128) with the embedded defaults
#   ./sieve --help           every command
# SIEVE_JAVA_OPTS adds JVM options (e.g. -Xmx512m).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
jar="$root/proxy-core/target/sieve.jar"

stale() {
  [ ! -f "$jar" ] && return 0
  [ -n "$(find "$root" -name target -prune -o -name .git -prune -o \
      \( -name '*.java' -o -name 'pom.xml' -o -path '*/src/main/resources/*' \) -newer "$jar" -print -quit)" ]
}

if stale; then
  echo "sieve: building the runnable jar (first run, or sources changed)..." >&2
  (cd "$root" && mvn -q -B -DskipTests -pl proxy-core -am package) >&2
fi
exec java ${SIEVE_JAVA_OPTS:-} -jar "$jar" "$@"
