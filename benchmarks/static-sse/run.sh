#!/usr/bin/env bash
# Compares servebench with wrk against the same static SSE server (nginx) in one run.
# Needs nginx and wrk (Debian: apt-get install nginx wrk). Usage: benchmarks/static-sse/run.sh [port]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
port="${1:-18080}"
work="$(mktemp -d)"
trap 'kill "$nginx_pid" 2>/dev/null || true; rm -rf "$work"' EXIT
sed -e "s#@DIR@#$work#g" -e "s#@PORT@#$port#g" "$here/nginx.conf.template" > "$work/nginx.conf"
nginx -c "$work/nginx.conf" &
nginx_pid=$!
for _ in $(seq 50); do curl -s -o /dev/null "http://127.0.0.1:$port/" && break; sleep 0.1; done

echo "== machine: $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
echo "== response body (first event):"; curl -s -X POST "http://127.0.0.1:$port/v1/chat/completions" | head -c 160; echo
echo "== servebench: saturation at 2000 concurrent streams, 40000 requests"
out="$work/sb"
"$root/servebench" bench --url "http://127.0.0.1:$port" --model m --phases saturation --saturation 2000 \
    --requests 40000 --input-tokens 16 --output-tokens 16 --out "$out" --quiet | grep -E "c=2000|level"
python3 - "$out/summary.json" <<'PY'
import json, sys
m = json.load(open(sys.argv[1]))["levels"][0]["metrics"]
print(f"servebench: {m['requests_per_second']:.0f} req/s, success {m['success_rate']*100:.1f}%, "
      f"p50 {m['latency_seconds']['p50']*1000:.1f} ms, p99 {m['latency_seconds']['p99']*1000:.1f} ms")
PY
echo "== wrk: 2000 connections, 15 s, same request body"
wrk -t2 -c2000 -d15s --latency -s "$here/post.lua" "http://127.0.0.1:$port/v1/chat/completions" | \
    grep -E "Requests/sec|50%|99%|Socket errors|Non-2xx" || true
