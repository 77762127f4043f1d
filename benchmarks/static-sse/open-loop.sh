#!/usr/bin/env bash
# Client-added latency, open loop: servebench sends at a constant RATE (default 10000 req/s, about half
# its ceiling on the 2-core machine, see BENCHMARKS.md) to the static SSE server, which answers in
# microseconds, so a request's time from its scheduled start to its last byte is what the client adds
# (its scheduling, sending, reading and parsing), plus the loopback and nginx. Three levels of
# ${SECONDS_PER_LEVEL:-10} s: a third of the rate, then RATE twice. The first two warm the JVM (a cold
# JVM cannot keep up with the full rate at once, and the step up to it is a transient of its own);
# the third is the steady state. Every level is printed.
# Needs nginx (Debian: apt-get install nginx). Usage: benchmarks/static-sse/open-loop.sh [port] [rate]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
port="${1:-18080}"
rate="${2:-10000}"
seconds="${SECONDS_PER_LEVEL:-10}"
work="${KEEP:-$(mktemp -d)}"; mkdir -p "$work"
nginx_pid=""
trap 'kill "$nginx_pid" 2>/dev/null || true; [ -n "${KEEP:-}" ] || rm -rf "$work"' EXIT
. "$here/nginx.sh"
start_static_sse_nginx "$port" "$work"

echo "== servebench: open loop, constant arrivals at $((rate / 3)), $rate and $rate req/s, ${seconds} s each"
"$root/servebench" bench --url "http://127.0.0.1:$port" --model m --phases scaling --rates "$((rate / 3)),$rate,$rate" \
    --arrival constant --requests $((rate * seconds)) --max-level-duration "$((seconds + 5))s" --cooldown 0s \
    --input-tokens 16 --output-tokens 16 --out "$work/sb" --quiet --no-report --no-db > "$work/sb.txt"
python3 - "$work/sb/requests.jsonl" "$rate" <<'PY'
import json, sys
# requests.jsonl holds each level's lines before the next level's; summary.json says how many each has.
summary = json.load(open(sys.argv[1].replace("requests.jsonl", "summary.json")))["levels"]
lines = [json.loads(line) for line in open(sys.argv[1])]
levels, at = {}, 0
for i, level in enumerate(summary):
    n = level["metrics"]["requests"]
    levels[f"{i + 1}: {level['name']}"] = lines[at:at + n]
    at += n
for name, rs in levels.items():
    ok = [r for r in rs if r["outcome"] == "ok"]
    added = sorted(r["end_ms"] - r["scheduled_ms"] for r in ok)
    late = sorted(r["sent_ms"] - r["scheduled_ms"] for r in ok)
    q = lambda xs, p: xs[min(len(xs) - 1, int(p * len(xs)))]
    span = (max(r["end_ms"] for r in rs) - min(r["scheduled_ms"] for r in rs)) / 1000
    print(f"level {name}: {len(rs)} requests ({len(rs)/span:.0f} req/s achieved), "
          f"{len(ok)} ok; client-added latency (scheduled -> last byte) p50 {q(added, .5):.2f} ms, "
          f"p99 {q(added, .99):.2f} ms, max {added[-1]:.2f} ms; send delay p99 {q(late, .99):.2f} ms")
PY
