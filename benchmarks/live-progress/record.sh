#!/usr/bin/env bash
# Records the live progress line of a bench against the real llama-server in a tmux pane (a terminal, so the
# live display is on), sampling the line every 250 ms, and compares each sample taken after a level's first
# second with the level's final output tok/s. Usage: benchmarks/live-progress/record.sh [OUT_DIR]
# Needs tmux and the peer llama-server (../shared/peers, as in the README's tests).
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
out=${1:-$root/benchmarks/live-progress}
peers=${PEERS:-$root/../shared/peers}
port=18095
pid=$("$peers/start-llama-server.sh" "$port")
trap 'kill "$pid" 2>/dev/null || true; tmux kill-session -t sb-live 2>/dev/null || true' EXIT
run=$(mktemp -d)/run
cmd="$root/servebench bench --url http://127.0.0.1:$port --model m --phases scaling --scaling 2,4 --requests 48 \
--input-tokens 64 --output-tokens 128 --ignore-eos --cooldown 0s --no-db --no-report --out $run"
tmux new-session -d -s sb-live -x 160 -y 20 "$cmd; echo EXIT=\$?; sleep 2"
samples="$out/samples.txt"
: > "$samples"
start=$(date +%s%N)
while tmux has-session -t sb-live 2>/dev/null; do
  line=$(tmux capture-pane -p -t sb-live 2>/dev/null | grep -E '^\[[0-9]+/[0-9]+\] SCALING' | tail -1 || true)
  [ -n "$line" ] && echo "$(( ($(date +%s%N) - start) / 1000000 )) ms | $line" >> "$samples"
  sleep 0.25
done
python3 - "$samples" "$run/summary.json" > "$out/RESULTS.md" <<'PY'
import json, re, sys
samples, summary = sys.argv[1], json.load(open(sys.argv[2]))
final = {l["name"]: l["metrics"]["output_tokens_per_second"] for l in summary["levels"]}
first_seen, rows = {}, []
for line in open(samples):
    m = re.match(r"(\d+) ms \| \[\d+/\d+\] SCALING (c=\d+)\s+(\d+)/(\d+) done\s+(\S+) output tok/s", line)
    if not m:
        continue
    t, level, done, planned, rate = int(m[1]), m[2], int(m[3]), int(m[4]), m[5]
    first_seen.setdefault(level, t)
    if rate == "-" or t - first_seen[level] < 1000 or done == planned:
        continue
    ratio = float(rate) / final[level]
    rows.append((level, t - first_seen[level], float(rate), final[level], ratio))
print("| level | ms into level | live output tok/s | level's final output tok/s | ratio |")
print("|---|---:|---:|---:|---:|")
for r in rows:
    print(f"| {r[0]} | {r[1]} | {r[2]:.0f} | {r[3]:.1f} | {r[4]:.2f} |")
inside = sum(1 for r in rows if 0.7 <= r[4] <= 1.3)
print(f"\n{inside} of {len(rows)} samples after each level's first second within ±30 % of the level's final figure.")
PY
cat "$out/RESULTS.md"
