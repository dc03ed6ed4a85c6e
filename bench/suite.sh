#!/usr/bin/env bash
# Runs the JMH suite with settings that fit a 2-core machine in under 15 minutes, then prints Markdown tables.
#   bench/suite.sh            full suite (about 14 minutes on an idle 2-core machine)
#   bench/suite.sh --quick    quick profile (about 3 minutes): one short iteration, 64 KiB and 1 MiB only
# Results: bench/results/jmh-<time>/*.json (JMH format), *.log, report.md. Build first:
#   mvn -B -DskipTests -pl bench -am package
# Extra JVM options for the forks (e.g. another rule folder): JMH_JVM_ARGS="-Dsieve.bench.rules=/path" bench/suite.sh
set -euo pipefail
cd "$(dirname "$0")/.."
SRC_JAR=bench/target/benchmarks.jar
[ -f "$SRC_JAR" ] || { echo "missing $SRC_JAR (expected: mvn -B -DskipTests -pl bench -am package)" >&2; exit 2; }
OUT=bench/results/jmh-$(date +%Y%m%d-%H%M%S)
mkdir -p "$OUT"
# Run from a copy so that a rebuild during the run cannot change the classes under the forks.
JAR="$OUT/benchmarks.jar"
cp "$SRC_JAR" "$JAR"

if [ "${1:-}" = "--quick" ]; then
  SCAN=(-f 1 -wi 1 -w 1s -i 1 -r 2s)
  MICRO=(-f 1 -wi 1 -w 1s -i 1 -r 1s)
  SIZES=65536,1048576
else
  SCAN=(-f 1 -wi 2 -w 1s -i 3 -r 2s)
  MICRO=(-f 1 -wi 2 -w 1s -i 3 -r 1s)
  SIZES=1024,65536,1048576
fi
JVM=()
[ -n "${JMH_JVM_ARGS:-}" ] && JVM=(-jvmArgsAppend "$JMH_JVM_ARGS")

run() {
  local name=$1; shift
  echo "== $name: $*" >&2
  java ${JMH_JVM_ARGS:-} -jar "$JAR" "$@" ${JVM[@]+"${JVM[@]}"} -rf json -rff "$OUT/$name.json" > "$OUT/$name.log" 2>&1 \
    || { echo "$name failed; see $OUT/$name.log" >&2; tail -20 "$OUT/$name.log" >&2; exit 1; }
}

run scan-json      ScanThroughput "${SCAN[@]}" -p input=json -p view=raw,decoded -p findings=none,few -p size=$SIZES
run scan-decoded   ScanThroughput "${SCAN[@]}" -p engine=hyperscan -p view=decoded \
                   -p input=gzip-json,base64-text,base64-pdf,multipart -p findings=few -p size=65536,1048576
run scan-decoded-java ScanThroughput "${SCAN[@]}" -p engine=java -p view=decoded \
                   -p input=gzip-json,base64-text,base64-pdf,multipart -p findings=few -p size=65536
run validators     Validator "${MICRO[@]}"
run redaction      Redaction -f 1 -wi 2 -w 1s -i 3 -r 2s -p size=$SIZES
run leaf           LeafMint "${MICRO[@]}"
run policy         Policy "${MICRO[@]}"
run audit          Audit "${MICRO[@]}"

java -cp "$JAR" dev.sieve.bench.report.JmhReport "$OUT"/*.json > "$OUT/report.md"
rm -f "$JAR"
echo "== report: $OUT/report.md" >&2
cat "$OUT/report.md"
