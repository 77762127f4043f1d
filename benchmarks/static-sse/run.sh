#!/usr/bin/env bash
# Compares servebench with wrk against the same static SSE server (nginx) in one run: each drives
# 2,000 connections for 15 s. servebench runs two such SATURATION levels back to back and both are
# reported: the first includes the JVM's warm-up (class loading, JIT compilation of the hot path),
# the second is the steady state, as every later level of a real benchmark sees it.
# Needs nginx and wrk (Debian: apt-get install nginx wrk). Usage: benchmarks/static-sse/run.sh [port]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
port="${1:-18080}"
seconds="${SECONDS_PER_LEVEL:-15}"
work="$(mktemp -d)"
nginx_pid=""
trap 'kill "$nginx_pid" 2>/dev/null || true; rm -rf "$work"' EXIT
. "$here/nginx.sh"
start_static_sse_nginx "$port" "$work"

echo "== machine: $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
echo "== response body (first event):"; curl -s -X POST "http://127.0.0.1:$port/v1/chat/completions" | head -c 160; echo
echo "== servebench: two saturation levels of ${seconds} s at 2000 concurrent streams"
out="$work/sb"
"$root/servebench" bench --url "http://127.0.0.1:$port" --model m --phases saturation --saturation 2000,2000 \
    --requests 100000000 --max-level-duration "${seconds}s" --cooldown 0s --input-tokens 16 --output-tokens 16 \
    --out "$out" --quiet --no-report --no-db > "$work/sb.txt"
python3 - "$out/summary.json" > "$work/sb-rates.txt" <<'PY'
import json, sys
for name, level in zip(("first (cold JVM)", "second (warm)"), json.load(open(sys.argv[1]))["levels"]):
    m = level["metrics"]
    print(f"{m['requests_per_second']:.0f} servebench {name}: {m['requests']} requests, "
          f"{m['requests_per_second']:.0f} req/s, success {m['success_rate']*100:.1f}%, "
          f"p50 {m['latency_seconds']['p50']*1000:.1f} ms, p99 {m['latency_seconds']['p99']*1000:.1f} ms")
PY
cut -d' ' -f2- "$work/sb-rates.txt"
echo "== wrk: 2000 connections, ${seconds} s, same request body"
wrk -t2 -c2000 -d"${seconds}s" --latency -s "$here/post.lua" "http://127.0.0.1:$port/v1/chat/completions" \
    > "$work/wrk.txt" || true
grep -E "Requests/sec|50%|99%|Socket errors|Non-2xx" "$work/wrk.txt" || true
wrk_rate="$(awk '/Requests\/sec/ {print $2}' "$work/wrk.txt")"
while read -r rate name; do
    python3 -c "import sys; print(f'ratio to wrk, servebench {sys.argv[3]}: {float(sys.argv[1])/float(sys.argv[2]):.3f}')" \
        "$rate" "$wrk_rate" "$(echo "$name" | cut -d: -f1 | cut -d' ' -f2-)"
done < "$work/sb-rates.txt"
