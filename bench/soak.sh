#!/usr/bin/env bash
# Soak test: mixed agent traffic through a real Sieve process for 30 minutes (by default), sampling its resident
# set, heap, direct buffers, file descriptors and threads; fails when one of them grows steadily, when requests
# error, or when nothing is blocked. See bench/README.md, "Soak".
#   bench/soak.sh                                   30 minutes, a sample every 30 s
#   bench/soak.sh --minutes 3 --interval 10s        a short check
#   bench/soak.sh --out DIR ...                     results in DIR (default bench/results/soak-<time>/)
# Every option of dev.sieve.bench.load.Soak passes through (--rate, --connections, --warmup, --jvm-args, ...).
# Results: soak.csv (streamed, one row per interval), soak.png, summary.txt, sieve.log, metrics-end.txt.
# Exit: 0 passed, 1 failed (growth, errors, nothing blocked), 2 bad option or setup failure, 130 interrupted.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
bench_jar=bench/target/benchmarks.jar
sieve_jar=proxy-core/target/sieve.jar

# Like ./sieve: build when a jar is missing or older than the sources.
stale() {
  [ -f "$bench_jar" ] && [ -f "$sieve_jar" ] || return 0
  local oldest="$bench_jar"
  [ "$sieve_jar" -ot "$oldest" ] && oldest="$sieve_jar"
  [ -n "$(find "$root" -name target -prune -o -name .git -prune -o -name results -prune -o \
      \( -name '*.java' -o -name 'pom.xml' -o -path '*/src/main/resources/*' \) -newer "$oldest" -print -quit)" ]
}
if stale; then
  echo "soak: building the jars (missing, or sources changed)..." >&2
  mvn -q -B -DskipTests -pl bench -am package >&2
  # Maven leaves a jar whose contents did not change untouched (old mtime): mark both as built now.
  touch "$bench_jar" "$sieve_jar"
fi

out=""
args=("$@")
for ((i = 0; i < ${#args[@]}; i++)); do
  if [ "${args[i]}" = "--out" ] && [ $((i + 1)) -lt ${#args[@]} ]; then out="${args[i + 1]}"; fi
done
if [ -z "$out" ]; then
  out="bench/results/soak-$(date +%Y%m%d-%H%M%S)"
  args+=(--out "$out")
fi
mkdir -p "$out"

# Run from copies, so that a rebuild during a long run cannot change the classes under either JVM.
jars="$(mktemp -d "${TMPDIR:-/tmp}/sieve-soak-jars.XXXXXX")"
cp "$bench_jar" "$jars/benchmarks.jar"
mkdir -p "$jars/sieve"
cp "$sieve_jar" "$jars/sieve/sieve.jar"
cp -r proxy-core/target/lib "$jars/sieve/lib"

soak_pid=""
cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  if [ -n "$soak_pid" ] && kill -0 "$soak_pid" 2>/dev/null; then
    kill -TERM "$soak_pid" 2>/dev/null || true   # its shutdown hook stops the load and Sieve
    wait "$soak_pid" 2>/dev/null || true
  fi
  # If the harness could not stop Sieve (killed hard), stop it here, by the pid it recorded.
  if [ -f "$out/sieve.pid" ]; then
    local sieve_pid
    sieve_pid="$(cat "$out/sieve.pid")"
    if kill -0 "$sieve_pid" 2>/dev/null; then kill -KILL "$sieve_pid" 2>/dev/null || true; fi
    rm -f "$out/sieve.pid"
  fi
  rm -rf "$jars"
  exit "$rc"
}
trap cleanup EXIT
trap 'echo "soak: interrupted" >&2; exit 130' INT TERM

# In the background with wait, so that a signal to this script runs the trap at once.
# SOAK_JAVA_OPTS: the load generator's JVM options (Sieve's are --jvm-args); a bounded heap, so it cannot grow either.
java ${SOAK_JAVA_OPTS:--Xmx512m} -cp "$jars/benchmarks.jar" dev.sieve.bench.load.Soak \
  --sieve-jar "$jars/sieve/sieve.jar" "${args[@]}" &
soak_pid=$!
set +e
wait "$soak_pid"
rc=$?
set -e
soak_pid=""
exit "$rc"
