#!/usr/bin/env bash
# Start-up time of short commands (issue #29; BENCHMARKS.md, "Start-up"). Usage:
#   benchmarks/startup/measure.sh [N] [CHECKOUT...]
# For each command, runs it N times (default 11) in each CHECKOUT (default: this one), the checkouts taking
# turns so that a change in the machine's load falls on all of them alike, and prints the median, min and max
# wall time in ms, measured with date +%s%N around the whole process (launcher included), output discarded,
# and the median CPU time (user + system, launcher and JVM together).
# Every run must succeed. The launcher's one-off work (building the jar, probing for a JDK, making the
# start-up archive) is done by one untimed run first; time a first run by hand (see BENCHMARKS.md).
set -euo pipefail
n="${1:-11}"; shift || true
[ $# -gt 0 ] || set -- "$(cd "$(dirname "$0")/../.." && pwd)"
checkouts=()
for c in "$@"; do checkouts+=("$(cd "$c" && pwd)"); done
tmp="$(mktemp -d)"; trap 'rm -rf "$tmp"' EXIT
java_bin="${STARTUP_JAVA:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}"

ms() { echo $((($(date +%s%N) - $1) / 1000000)); }
# User + system CPU time of this shell's finished children (bash's times, second line) in $1, in ms; times
# runs in this shell (a redirection, no subshell), so only the command between two calls counts. The machine
# may be shared: wall time then grows with its load, CPU time much less.
cpu_ms() {
  sed -n 2p "$1" | awk '{ t = 0; for (i = 1; i <= 2; i++) { split($i, p, "m"); t += p[1] * 60000 + p[2] * 1000 } printf "%d\n", t }'
}
stats() { tr ' ' '\n' | grep . | sort -n | awk '{a[NR]=$1} END {printf "median %5d ms  (min %d, max %d, n=%d)", a[int((NR+1)/2)], a[1], a[NR], NR}'; }

run_interleaved() { # label, command... (run in each checkout in turn)
  local label="$1"; shift
  local i c t0 times=() cpus=()
  for c in "${checkouts[@]}"; do (cd "$c" && "$@" >/dev/null 2>&1) || { echo "untimed first run failed in $c: $*" >&2; exit 1; }; done
  for ((i = 0; i < n; i++)); do
    for c in "${!checkouts[@]}"; do
      times >"$tmp/cpu0"
      t0=$(date +%s%N)
      (cd "${checkouts[$c]}" && "$@" >/dev/null 2>&1) || { echo "failed in ${checkouts[$c]}: $*" >&2; exit 1; }
      times[$c]+="$(ms "$t0") "
      times >"$tmp/cpu1"
      cpus[$c]+="$(($(cpu_ms "$tmp/cpu1") - $(cpu_ms "$tmp/cpu0"))) "
    done
  done
  for c in "${!checkouts[@]}"; do
    printf '%-62s %-10s wall %s; CPU median %d ms\n' "$label" "$(basename "${checkouts[$c]}")" "$(stats <<<"${times[$c]}")" \
      "$(tr ' ' '\n' <<<"${cpus[$c]}" | grep . | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')"
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
