#!/usr/bin/env bash
# Start-up time of short commands (issue #29; BENCHMARKS.md, "Start-up"). Usage:
#   benchmarks/startup/measure.sh [N] [CHECKOUT...]
# For each command, runs it N times (default 11) in each CHECKOUT (default: this one), the checkouts taking
# turns so that a change in the machine's load falls on all of them alike, and prints the median, min and max
# wall time in ms, measured with date +%s%N around the whole process (launcher included), output discarded.
# Every run must succeed. The launcher's one-off work (building the jar, probing for a JDK, making the
# start-up archive) is done by one untimed run first; time a first run by hand (see BENCHMARKS.md).
set -euo pipefail
n="${1:-11}"; shift || true
[ $# -gt 0 ] || set -- "$(cd "$(dirname "$0")/../.." && pwd)"
checkouts=()
for c in "$@"; do checkouts+=("$(cd "$c" && pwd)"); done
java_bin="${STARTUP_JAVA:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}"

ms() { echo $((($(date +%s%N) - $1) / 1000000)); }
stats() { tr ' ' '\n' | grep . | sort -n | awk '{a[NR]=$1} END {printf "median %5d ms  (min %d, max %d, n=%d)", a[int((NR+1)/2)], a[1], a[NR], NR}'; }

run_interleaved() { # label, command... (run in each checkout in turn)
  local label="$1"; shift
  local i c t0 times=()
  for c in "${checkouts[@]}"; do (cd "$c" && "$@" >/dev/null 2>&1) || { echo "untimed first run failed in $c: $*" >&2; exit 1; }; done
  for ((i = 0; i < n; i++)); do
    for c in "${!checkouts[@]}"; do
      t0=$(date +%s%N)
      (cd "${checkouts[$c]}" && "$@" >/dev/null 2>&1) || { echo "failed in ${checkouts[$c]}: $*" >&2; exit 1; }
      times[$c]+="$(ms "$t0") "
    done
  done
  for c in "${!checkouts[@]}"; do
    printf '%-62s %-22s %s\n' "$label" "$(basename "${checkouts[$c]}")" "$(stats <<<"${times[$c]}")"
  done
}

echo "# $(date -u +%FT%TZ) on $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg) at start; $("$java_bin" -version 2>&1 | sed -n 2p)"
all=("${checkouts[@]}"); checkouts=("${all[0]}")   # the JVM alone: one row is enough
run_interleaved "java -version" "$java_bin" -version
checkouts=("${all[@]}")
run_interleaved "./servebench --help" ./servebench --help
run_interleaved "./servebench advise --model llama-3.3-70b-instruct --gpu mi300x" \
  ./servebench advise --model llama-3.3-70b-instruct --gpu mi300x
echo "# load average $(cut -d' ' -f1-3 /proc/loadavg) at end"
