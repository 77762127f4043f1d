#!/usr/bin/env bash
# Agreement of servebench with vLLM's own benchmark client (benchmark_serving.py) against one real
# llama.cpp llama-server: the same closed-loop workload from both tools, alternating runs, then
# table.py turns the work folder into benchmarks/peer-agreement/RESULTS.md. See README.md here.
#
# Settings (environment):
#   PEERS=../shared/peers     the peers folder (llama-server, tiny model, vLLM client), relative to the repo root
#   OUT=target/peer-agreement work folder (relative to the repo root); recreated on every run
#   ROUNDS=3                  rounds per concurrency; each round runs vLLM's client, then servebench
#   CONCURRENCIES="1 4"       closed-loop concurrencies (vLLM --max-concurrency, servebench --scaling)
#   PROMPTS=40 INPUT=128 OUTPUT=64   requests per run, prompt length and forced output length
#   SERVEBENCH_INPUT=$INPUT   servebench's --input-tokens. vLLM's random dataset decodes INPUT random token
#                             ids and the server re-tokenizes the text into more tokens than INPUT (with the
#                             tiny model's SentencePiece vocabulary: 162 for 128, +14 of chat template = 176,
#                             measured in RESULTS.md); servebench's prompts are exact, so matching the two
#                             tools' server-counted prompt lengths means asking servebench for that many
#   PORT=                     llama-server port (default: a free one)
#   PYTHON=/usr/bin/python3   the interpreter for vLLM's client and table.py (Debian's, which apt serves)
#   RUN_TIMEOUT=300           seconds one tool run may take before it is killed (the run then fails)
#   PIN=0                     1: pin llama-server to CPU 0 and both clients to the other CPUs (taskset), so
#                             that a client's own CPU use cannot slow the server it measures
#   SERVEBENCH_FLAGS=         extra flags for servebench bench (e.g. "--prompt exact")
#   SERVEBENCH_JAVA_OPTS=     JVM options for servebench (e.g. "-XX:TieredStopAtLevel=1")
#   SERVEBENCH_JAR=           use this jar instead of building the working tree with ./servebench
#   RESULTS=benchmarks/peer-agreement/RESULTS.md   where the table goes (besides stdout)
#   VLLM_FLAGS=               extra flags for benchmark_serving.py
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
cd "$root"

# The command as given: the settings that were set in the environment, then the script.
command_line="env"
for v in PEERS OUT PYTHON ROUNDS CONCURRENCIES PROMPTS INPUT SERVEBENCH_INPUT OUTPUT PORT RUN_TIMEOUT PIN RESULTS SERVEBENCH_JAR SERVEBENCH_FLAGS SERVEBENCH_JAVA_OPTS VLLM_FLAGS; do
  [ -n "${!v:-}" ] && command_line="$command_line $v='${!v}'"
done
command_line="$command_line benchmarks/peer-agreement/run.sh"
[ "$command_line" = "env benchmarks/peer-agreement/run.sh" ] && command_line="benchmarks/peer-agreement/run.sh"

ROUNDS=${ROUNDS:-3}
CONCURRENCIES=${CONCURRENCIES:-"1 4"}
PROMPTS=${PROMPTS:-40}
INPUT=${INPUT:-128}
SERVEBENCH_INPUT=${SERVEBENCH_INPUT:-$INPUT}
OUTPUT=${OUTPUT:-64}
RUN_TIMEOUT=${RUN_TIMEOUT:-300}
SERVEBENCH_FLAGS=${SERVEBENCH_FLAGS:-}
SERVEBENCH_JAVA_OPTS=${SERVEBENCH_JAVA_OPTS:-}
PIN=${PIN:-0}
VLLM_FLAGS=${VLLM_FLAGS:-}

log() { printf '[peer-agreement %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { log "error: $*"; exit 1; }

abs() { case "$1" in /*) printf '%s\n' "$1" ;; *) printf '%s\n' "$root/$1" ;; esac; }

# --- prerequisites ---------------------------------------------------------------------------------
as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"
  elif command -v sudo >/dev/null 2>&1; then sudo -n "$@" || die "cannot run '$*' (sudo needs a password?)"
  else die "need root or sudo to run: $*"; fi
}
# The Debian packages serve Debian's python3; a python3 earlier on PATH (pyenv, venv) would not see them.
if [ -z "${PYTHON:-}" ]; then
  if [ -x /usr/bin/python3 ]; then PYTHON=/usr/bin/python3; else PYTHON=python3; fi
fi
missing=()
command -v "$PYTHON" >/dev/null 2>&1 || missing+=(python3)
"$PYTHON" -c 'import aiohttp' 2>/dev/null || missing+=(python3-aiohttp)
"$PYTHON" -c 'import numpy' 2>/dev/null || missing+=(python3-numpy)
"$PYTHON" -c 'import tqdm' 2>/dev/null || missing+=(python3-tqdm)
command -v curl >/dev/null 2>&1 || missing+=(curl)
ldconfig -p 2>/dev/null | grep -q libgomp.so.1 || missing+=(libgomp1)
if [ ${#missing[@]} -gt 0 ]; then
  log "installing ${missing[*]} (apt-get)"
  as_root timeout 600 apt-get update -qq >/dev/null || die "apt-get update failed"
  as_root env DEBIAN_FRONTEND=noninteractive timeout 900 apt-get install -y -qq --no-install-recommends \
    "${missing[@]}" >/dev/null || die "apt-get install ${missing[*]} failed"
fi
"$PYTHON" -c 'import aiohttp, numpy, tqdm' || die "$PYTHON cannot import aiohttp, numpy and tqdm (set PYTHON=...)"

PEERS_DIR=$(abs "${PEERS:-../shared/peers}")
[ -d "$PEERS_DIR" ] && PEERS_DIR=$(cd "$PEERS_DIR" && pwd)
for f in start-llama-server.sh bin/llama-server models/tiny-llama-18m-f16.gguf vllm-bench/benchmark_serving.py; do
  [ -e "$PEERS_DIR/$f" ] || die "peers folder not found or incomplete: $PEERS_DIR/$f is missing (set PEERS=/path/to/shared/peers)"
done
VLLM="$PEERS_DIR/vllm-bench/benchmark_serving.py"

# vLLM's random dataset: in the client of January 2025 lengths are drawn from
# [int(len * ratio), len] and the default ratio 1.0 makes them exact; newer clients draw from
# [len * (1 - ratio), len * (1 + ratio)], where 0 is exact.
if grep -q 'int(input_len \* range_ratio)' "$VLLM"; then range_ratio=1.0
elif grep -q '1 - range_ratio' "$VLLM"; then range_ratio=0
else die "cannot tell how $VLLM reads --random-range-ratio; check it and adapt run.sh"; fi

# --- work folder and a frozen servebench (benchmarks/lib/servebench-run.sh) -------------------------
# shellcheck source=../lib/servebench-run.sh
. "$root/benchmarks/lib/servebench-run.sh"
OUT_DIR=$(abs "${OUT:-target/peer-agreement}")
bench_work_folder "$OUT_DIR" .peer-agreement
bench_frozen_jar "$OUT_DIR"
# shellcheck disable=SC2206
SERVEBENCH=("$JAVA_HOME/bin/java" $SERVEBENCH_JAVA_OPTS -jar "$OUT_DIR/servebench.jar")
export PYTHONDONTWRITEBYTECODE=1

# --- server ----------------------------------------------------------------------------------------
if [ -z "${PORT:-}" ]; then
  PORT=$("$PYTHON" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
fi
server_pid=""
cleanup() {
  if [ -n "$server_pid" ] && kill -0 "$server_pid" 2>/dev/null; then
    kill "$server_pid" 2>/dev/null || true
    for _ in $(seq 1 40); do kill -0 "$server_pid" 2>/dev/null || break; sleep 0.25; done
    kill -9 "$server_pid" 2>/dev/null || true
  fi
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
SERVER_PIN=() CLIENT_PIN=() pinning="none"
if [ "$PIN" = 1 ]; then
  command -v taskset >/dev/null 2>&1 || die "PIN=1 needs taskset (util-linux)"
  [ "$(nproc)" -ge 2 ] || die "PIN=1 needs at least 2 CPUs"
  SERVER_PIN=(taskset -c 0) CLIENT_PIN=(taskset -c "1-$(( $(nproc) - 1 ))")
  pinning="llama-server on CPU 0, clients on CPUs 1-$(( $(nproc) - 1 ))"
fi
SERVER_LOG="$OUT_DIR/llama-server.log"
log "starting llama-server on 127.0.0.1:$PORT"
server_pid=$(LLAMA_LOG="$SERVER_LOG" timeout 60 "${SERVER_PIN[@]}" "$PEERS_DIR/start-llama-server.sh" "$PORT") \
  || die "llama-server did not start; see $SERVER_LOG"
BASE="http://127.0.0.1:$PORT"

started=$(date -u +%Y-%m-%dT%H:%M:%SZ)
t0=$(date +%s)
{
  echo "command=$command_line"
  echo "started=$started"
  echo "host=$(hostname)"
  echo "nproc=$(nproc)"
  echo "cpu=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')"
  echo "kernel=$(uname -sr)"
  echo "python=$PYTHON $("$PYTHON" -c 'import sys, aiohttp, numpy; print(sys.version.split()[0], "aiohttp", aiohttp.__version__, "numpy", numpy.__version__)')"
  echo "java=$("$JAVA_HOME/bin/java" -version 2>&1 | head -1)"
  echo "servebench=$(tail -1 "$OUT_DIR/servebench-version.txt"), $sb_origin (sha256 ${jar_sha:0:12})"
  echo "llama_server=$(grep -o 'commit [0-9a-f]*' "$PEERS_DIR/README.md" 2>/dev/null | head -1 || true) ($("$PEERS_DIR/bin/llama-server" --version 2>&1 | head -1 || true)), --parallel 4 -c 4096 -t 1"
  echo "vllm_client=$VLLM (sha256 $(sha256sum "$VLLM" | cut -c1-12))"
  echo "pinning=$pinning"
  echo "rounds=$ROUNDS"
  echo "concurrencies=$CONCURRENCIES"
  echo "prompts=$PROMPTS"
  echo "input=$INPUT"
  echo "servebench_input=$SERVEBENCH_INPUT"
  echo "output=$OUTPUT"
  echo "port=$PORT"
  echo "range_ratio=$range_ratio"
  echo "vllm_cmd=$PYTHON $VLLM --backend openai-chat --base-url $BASE --endpoint /v1/chat/completions --model m --tokenizer llamacpp:$BASE --dataset-name random --random-input-len $INPUT --random-output-len $OUTPUT --random-range-ratio $range_ratio --num-prompts $PROMPTS --max-concurrency C --ignore-eos --seed R --percentile-metrics ttft,tpot,itl,e2el --metric-percentiles 50,99 --disable-tqdm --save-result --result-dir DIR --result-filename result.json${VLLM_FLAGS:+ $VLLM_FLAGS}"
  echo "servebench_cmd=java${SERVEBENCH_JAVA_OPTS:+ $SERVEBENCH_JAVA_OPTS} -jar servebench.jar bench --url $BASE --model m --phases warmup,scaling --scaling C --requests $PROMPTS --input-tokens $SERVEBENCH_INPUT --output-tokens $OUTPUT --ignore-eos --cooldown 0s --seed R --timeout 120s --out DIR --no-db --no-report --quiet${SERVEBENCH_FLAGS:+ $SERVEBENCH_FLAGS}"
} >"$OUT_DIR/meta.txt"

log_size() { sleep 0.5; stat -c %s "$SERVER_LOG"; }

# Runs "$@" with a time limit; its output goes to $dir/stdout.txt. Records the server log range.
run_tool() {
  local dir=$1; shift
  mkdir -p "$dir"
  local from; from=$(log_size)
  local t_start; t_start=$(date +%s.%N)
  cut -d' ' -f1-3 /proc/loadavg >"$dir/loadavg-before"
  # /usr/bin/time (when present) records the client's own CPU time: on a small machine the client
  # competes with the server for cores, and that shows in the server's timings.
  local timer=()
  [ -x /usr/bin/time ] && timer=(/usr/bin/time -o "$dir/time.txt" -f '%e %U %S')
  if ! timeout -k 10 "$RUN_TIMEOUT" "${CLIENT_PIN[@]}" "${timer[@]}" "$@" >"$dir/stdout.txt" 2>&1; then
    echo "$from $(log_size)" >"$dir/server-log-range"
    tail -20 "$dir/stdout.txt" >&2
    die "run failed or exceeded ${RUN_TIMEOUT}s: $*  (output: $dir/stdout.txt)"
  fi
  echo "$from $(log_size)" >"$dir/server-log-range"
  "$PYTHON" -c "import sys; print(f'{float(sys.argv[2]) - float(sys.argv[1]):.1f}')" "$t_start" "$(date +%s.%N)" >"$dir/seconds"
  kill -0 "$server_pid" 2>/dev/null || die "llama-server died during $dir"
}

for c in $CONCURRENCIES; do
  for r in $(seq 1 "$ROUNDS"); do
    d="$OUT_DIR/c$c/r$r"
    log "c=$c round $r/$ROUNDS: vLLM client"
    # shellcheck disable=SC2086
    run_tool "$d/vllm" "$PYTHON" "$VLLM" --backend openai-chat --base-url "$BASE" \
      --endpoint /v1/chat/completions --model m --tokenizer "llamacpp:$BASE" --dataset-name random \
      --random-input-len "$INPUT" --random-output-len "$OUTPUT" --random-range-ratio "$range_ratio" \
      --num-prompts "$PROMPTS" --max-concurrency "$c" --ignore-eos --seed "$r" \
      --percentile-metrics ttft,tpot,itl,e2el --metric-percentiles 50,99 --disable-tqdm \
      --save-result --result-dir "$d/vllm" --result-filename result.json $VLLM_FLAGS
    [ -s "$d/vllm/result.json" ] || die "vLLM client wrote no result: $d/vllm/stdout.txt"
    log "c=$c round $r/$ROUNDS: servebench"
    # shellcheck disable=SC2086
    run_tool "$d/servebench" "${SERVEBENCH[@]}" bench --url "$BASE" --model m --phases warmup,scaling --scaling "$c" \
      --requests "$PROMPTS" --input-tokens "$SERVEBENCH_INPUT" --output-tokens "$OUTPUT" --ignore-eos --cooldown 0s \
      --seed "$r" --timeout 120s --out "$d/servebench/out" --no-db --no-report --quiet $SERVEBENCH_FLAGS
    [ -s "$d/servebench/out/summary.json" ] || die "servebench wrote no summary: $d/servebench/stdout.txt"
  done
done
echo "finished=$(date -u +%Y-%m-%dT%H:%M:%SZ)" >>"$OUT_DIR/meta.txt"
echo "wall_seconds=$(( $(date +%s) - t0 ))" >>"$OUT_DIR/meta.txt"
cleanup
server_pid=""
log "runs done in $(( $(date +%s) - t0 )) s; making the table"
"$PYTHON" "$here/table.py" "$OUT_DIR" --write "$(abs "${RESULTS:-benchmarks/peer-agreement/RESULTS.md}")"
