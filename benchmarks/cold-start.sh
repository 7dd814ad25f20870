#!/usr/bin/env bash
# Cold start of the command line, as a user meets it: whole processes, no JVM flag.
#
# For each command below it runs PAIRS pairs (default 21), alternating `java -version` and
# `java -jar JAR <command>`, so that both sides of a pair see the same machine load, and prints the medians of each
# side and their ratio: of the wall time (`date +%s%N`; the goal of issue 14 is `--version` at most 2x
# `java -version`) and of the CPU time (user + system, which another process on the machine disturbs less). The
# output of the commands goes to /dev/null; nothing here is a test, and nothing asserts a time. docs/performance.md,
# "Cold start", has the figures and what they mean.
#
#   benchmarks/cold-start.sh                                  # cli/target/netlingua.jar, 21 pairs
#   PAIRS=41 benchmarks/cold-start.sh path/to/netlingua.jar
#   LAUNCHER=cli/netlingua-cds benchmarks/cold-start.sh       # the same jar through the CDS launcher
#
# Build the jar first (mvn -B -q package -DskipTests). `check` reads a one-policy file that the script writes into a
# temporary folder.
set -euo pipefail

here=$(cd "$(dirname "$0")/.." && pwd)
jar=${1:-$here/cli/target/netlingua.jar}
pairs=${PAIRS:-21}
java=${JAVA:-java}
if [[ ! -f $jar ]]; then
  echo "no jar at $jar: build it first (see the head of this script)" >&2
  exit 2
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cat >"$tmp/one.npl" <<'NPL'
namespace shop

policy web {
  select pods(app=web)
  ingress {
    allow from pods(app=api) on tcp/8080
  }
}
NPL

# How the jar is started: `java -jar JAR`, or a launcher script given as LAUNCHER (which takes the same arguments).
if [[ -n ${LAUNCHER:-} ]]; then
  export NETLINGUA_JAR=$jar
  run_jar() { "$LAUNCHER" "$@"; }
else
  run_jar() { "$java" -jar "$jar" "$@"; }
fi

# One run of "$@", its output discarded and its exit code ignored: "WALL CPU" in microseconds, the wall time from
# `date +%s%N` and the CPU time (user + system, of the process and its threads) from bash's `times`.
elapsed() {
  local start end before after
  cpu_us >"$tmp/before"
  start=$(date +%s%N)
  "$@" >/dev/null 2>&1 || true
  end=$(date +%s%N)
  cpu_us >"$tmp/after"
  read -r before <"$tmp/before"
  read -r after <"$tmp/after"
  echo "$(( (end - start) / 1000 )) $(( after - before ))"
}

# The CPU time of this shell's finished children so far, in microseconds (the second line of `times`, written to a
# file: in a pipe or a $(...) `times` would speak of a subshell).
cpu_us() {
  times >"$tmp/times"
  awk 'NR == 2 {
    n = split($1 " " $2, t, " ")
    us = 0
    for (i = 1; i <= n; i++) { split(t[i], p, "m"); sub("s", "", p[2]); us += (p[1] * 60 + p[2]) * 1000000 }
    printf "%d\n", us
  }' "$tmp/times"
}

# The median of the numbers (microseconds) on standard input, printed in milliseconds.
median_ms() {
  sort -n | awk '{ a[NR] = $1 } END { m = (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2; printf "%.0f", m / 1000 }'
}

ratio() {
  awk -v o="$1" -v b="$2" 'BEGIN { printf "%.1fx", o / b }'
}

measure() {
  local label=$1
  shift
  local base=() ours=() i
  # One unmeasured pair first: the page cache holds the JDK and the jar for every measured run alike.
  elapsed "$java" -version >/dev/null
  elapsed run_jar "$@" >/dev/null
  for ((i = 0; i < pairs; i++)); do
    base+=("$(elapsed "$java" -version)")
    ours+=("$(elapsed run_jar "$@")")
  done
  local bw ow bc oc
  bw=$(printf '%s\n' "${base[@]}" | cut -d' ' -f1 | median_ms)
  ow=$(printf '%s\n' "${ours[@]}" | cut -d' ' -f1 | median_ms)
  bc=$(printf '%s\n' "${base[@]}" | cut -d' ' -f2 | median_ms)
  oc=$(printf '%s\n' "${ours[@]}" | cut -d' ' -f2 | median_ms)
  printf '%-26s %8s ms %8s ms %6s   %8s ms %8s ms %6s\n' "$label" "$bw" "$ow" "$(ratio "$ow" "$bw")" \
    "$bc" "$oc" "$(ratio "$oc" "$bc")"
}

echo "jar: $jar${LAUNCHER:+ (through $LAUNCHER)}; $pairs pairs per line; $("$java" -version 2>&1 | head -1)"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo unknown)"
printf '%-26s %-32s   %-32s\n' "" "wall time (medians)" "CPU time, user + system (medians)"
printf '%-26s %11s %11s %6s   %11s %11s %6s\n' "command" "java -version" "netlingua" "ratio" "java -version" \
  "netlingua" "ratio"
measure "--version" --version
measure "--help" --help
measure "check one.npl (1 policy)" check "$tmp/one.npl"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo unknown)"
