#!/usr/bin/env bash
# Runs Sieve's fuzz targets (Jazzer @FuzzTest methods) for longer than the build does.
#
#   ./fuzz.sh                      every target, 5 minutes each
#   ./fuzz.sh -t 3600 frontend     one target for an hour (a name below, or Class#method)
#   ./fuzz.sh -l                   lists the targets
#
# Options: -t SECONDS per target (default 300, or FUZZ_SECONDS), -i SECONDS for one input before it
# counts as a hang (default 20), -l to list. The build itself (mvn -B verify) runs each target's seeds
# and fuzzes the main targets for sieve.fuzz.seconds (10 s); this script is for the long runs.
#
# Findings: Jazzer saves each crashing input as crash-<sha1> next to the target's seeds
# (<module>/src/test/resources/<package>/<Class>Inputs/<method>/), where the next build runs it as a
# regression test: fix the bug and commit the file with the fix. The corpus a run grows is kept in
# <module>/.cifuzz-corpus/ (not in git), so the next run starts from it. Exit status 1 if any target
# had a finding. The targets run one after another (Jazzer fuzzes one target per JVM); libFuzzer's
# progress goes to the terminal.
set -euo pipefail
cd "$(dirname "$0")"

# name module Class#method
TARGETS="
rule-file        dlp-engine  RuleParserFuzzTest#ruleFile
request          dlp-engine  ViewDecodersFuzzTest#request
content-codings  dlp-engine  ViewDecodersFuzzTest#contentCodings
json             dlp-engine  ViewDecodersFuzzTest#json
base64           dlp-engine  ViewDecodersFuzzTest#base64
multipart        dlp-engine  ViewDecodersFuzzTest#multipart
url-encoded      dlp-engine  ViewDecodersFuzzTest#urlEncoded
pdf              dlp-engine  ViewDecodersFuzzTest#pdf
frontend         proxy-core  FrontendFuzzTest#agentBytes
destination      proxy-core  DestinationFuzzTest#hosts
config-file      proxy-core  ConfigLoaderFuzzTest#configFile
"

seconds="${FUZZ_SECONDS:-300}"
input_timeout=20
while getopts "t:i:lh" opt; do
  case "$opt" in
    t) seconds="$OPTARG" ;;
    i) input_timeout="$OPTARG" ;;
    l) echo "$TARGETS" | awk 'NF { printf "%-16s %-11s %s\n", $1, $2, $3 }'; exit 0 ;;
    *) sed -n '2,20p' "$0" | sed 's/^# \{0,1\}//'; exit 2 ;;
  esac
done
shift $((OPTIND - 1))
[[ "$seconds" =~ ^[0-9]+$ && "$input_timeout" =~ ^[0-9]+$ ]] || { echo "fuzz.sh: -t and -i take seconds" >&2; exit 2; }

selected=()
if [ $# -eq 0 ]; then
  while read -r name _; do [ -n "$name" ] && selected+=("$name"); done <<< "$TARGETS"
else
  selected=("$@")
fi

found=0
for want in "${selected[@]}"; do
  line=$(echo "$TARGETS" | awk -v w="$want" 'NF && ($1 == w || $3 == w)')
  if [ -z "$line" ]; then
    echo "fuzz.sh: no target '$want' (./fuzz.sh -l lists them)" >&2
    exit 2
  fi
  read -r name module test <<< "$line"
  class="${test%#*}"
  printf "\n== %s (%s %s) for %ss\n" "$name" "$module" "$test" "$seconds"
  mkdir -p "$module/target"
  touch "$module/target/.fuzz-start"
  status=0
  JAZZER_FUZZ=1 mvn -B -q -pl "$module" -am test \
      -Dtest="$test" -Dsurefire.failIfNoSpecifiedTests=false \
      -Djazzer.internal.arg.0=fuzz \
      -Djazzer.internal.arg.1=-max_total_time="$seconds" \
      -Djazzer.internal.arg.2=-timeout="$input_timeout" || status=$?
  crashes=$(find "$module/src/test/resources" -name 'crash-*' -newer "$module/target/.fuzz-start" 2>/dev/null | sort)
  if [ "$status" -ne 0 ] || [ -n "$crashes" ]; then
    found=1
    printf "\n"; echo "!! $name: finding (see $module/target/surefire-reports/*$class.txt)"
    [ -n "$crashes" ] && echo "$crashes" | sed 's/^/   saved: /'
  fi
done
exit "$found"
