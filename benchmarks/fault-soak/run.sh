#!/usr/bin/env bash
# Fault soak (issue 11): servebench bench against the simulator with every fault at 5 %, its client
# killed with kill -9 at a random moment, repeated. After each kill the results folder is checked:
# every sent request is recorded once or was in flight at the kill, nothing else is lost, and
# `servebench report` still reads the folder. Writes the table to RESULTS.md here; exits 1 when a
# round lost a request, recorded one twice or left an unreadable file. See README.md here.
#
# Settings (environment):
#   ROUNDS=10                    rounds; each launches bench once and kills it at a random moment
#   SEED=1                       seeds the kill moments (round i: bash RANDOM seeded with SEED*1000+i)
#   KILL_MIN_S=3 KILL_MAX_S=25   the kill comes uniformly within this many seconds of the launch; a
#                                run that ends first is checked the same way (then nothing may be missing)
#   PREFLIGHT_RETRIES=2          relaunches of a round whose bench refused the target at its preflight
#                                request (an injected fault; exit 3) before the kill
#   FAULT_RATE=0.05              each of --error-rate, --reset-rate, --malformed-rate, --truncate-rate, --stall-rate
#   STALL_MS=300                 --stall-ms
#   FAULT_SEED=7                 --fault-seed
#   SCALING=8,16 REQUESTS=400 INPUT=64 OUTPUT=32   the bench workload (--scaling, --requests, ...)
#   SIM_MODEL=benchmarks/fault-soak/llama-3.1-8b.config.json SIM_GPU=b200 SIM_GPUS=1
#                                the simulated deployment: ~0.25 s per request of 64 in / 32 out
#   OUT=target/fault-soak        work folder (relative to the repo root); recreated on every run
#   RESULTS=benchmarks/fault-soak/RESULTS.md   where the table goes (besides stdout)
#   SERVEBENCH_JAR=              use this jar instead of building the working tree with ./servebench
#   SERVEBENCH_JAVA_OPTS=        JVM options for every servebench process
#   PYTHON=python3               runs check.py (standard library only)
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
cd "$root"

command_line="env"
for v in ROUNDS SEED KILL_MIN_S KILL_MAX_S PREFLIGHT_RETRIES FAULT_RATE STALL_MS FAULT_SEED SCALING REQUESTS INPUT OUTPUT SIM_MODEL SIM_GPU SIM_GPUS OUT RESULTS SERVEBENCH_JAR SERVEBENCH_JAVA_OPTS PYTHON; do
  [ -n "${!v:-}" ] && command_line="$command_line $v='${!v}'"
done
command_line="$command_line benchmarks/fault-soak/run.sh"
[ "$command_line" = "env benchmarks/fault-soak/run.sh" ] && command_line="benchmarks/fault-soak/run.sh"

ROUNDS=${ROUNDS:-10}
SEED=${SEED:-1}
KILL_MIN_S=${KILL_MIN_S:-3}
KILL_MAX_S=${KILL_MAX_S:-25}
PREFLIGHT_RETRIES=${PREFLIGHT_RETRIES:-2}
FAULT_RATE=${FAULT_RATE:-0.05}
STALL_MS=${STALL_MS:-300}
FAULT_SEED=${FAULT_SEED:-7}
SCALING=${SCALING:-8,16}
REQUESTS=${REQUESTS:-400}
INPUT=${INPUT:-64}
OUTPUT=${OUTPUT:-32}
SIM_MODEL=${SIM_MODEL:-benchmarks/fault-soak/llama-3.1-8b.config.json}
SIM_GPU=${SIM_GPU:-b200}
SIM_GPUS=${SIM_GPUS:-1}
SERVEBENCH_JAVA_OPTS=${SERVEBENCH_JAVA_OPTS:-}
PYTHON=${PYTHON:-python3}

log() { printf '[fault-soak %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { log "error: $*"; exit 2; }
abs() { case "$1" in /*) printf '%s\n' "$1" ;; *) printf '%s\n' "$root/$1" ;; esac; }
now_ms() { echo $(( $(date +%s%N) / 1000000 )); }
secs() { awk -v ms="$1" 'BEGIN { printf "%.1f", ms / 1000 }'; }

for c in curl awk sha256sum; do command -v "$c" >/dev/null 2>&1 || die "needs $c"; done
"$PYTHON" -c 'import json' 2>/dev/null || die "needs python3 (set PYTHON=...)"
[[ "$KILL_MIN_S" =~ ^[0-9]+$ && "$KILL_MAX_S" =~ ^[0-9]+$ && "$KILL_MAX_S" -ge "$KILL_MIN_S" ]] \
  || die "KILL_MIN_S and KILL_MAX_S must be whole seconds, KILL_MIN_S <= KILL_MAX_S"
IFS=, read -r -a levels <<<"$SCALING"
CHECK=("$PYTHON" "$here/check.py")
RESULTS_FILE=$(abs "${RESULTS:-benchmarks/fault-soak/RESULTS.md}")
SIM_MODEL_ARG=$SIM_MODEL
[ -f "$SIM_MODEL" ] && SIM_MODEL_ARG=$(abs "$SIM_MODEL")

# --- work folder and a frozen servebench (benchmarks/lib/servebench-run.sh) -------------------------
# shellcheck source=../lib/servebench-run.sh
. "$root/benchmarks/lib/servebench-run.sh"
OUT_DIR=$(abs "${OUT:-target/fault-soak}")
bench_work_folder "$OUT_DIR" .fault-soak
bench_frozen_jar "$OUT_DIR"
# shellcheck disable=SC2206
SB=("$JAVA_HOME/bin/java" $SERVEBENCH_JAVA_OPTS -jar "$JAR")

# --- the simulator -----------------------------------------------------------------------------------
sim_pid="" bench_pid=""
cleanup() {
  if [ -n "$bench_pid" ] && kill -0 "$bench_pid" 2>/dev/null; then kill -9 "$bench_pid" 2>/dev/null || true; fi
  if [ -n "$sim_pid" ] && kill -0 "$sim_pid" 2>/dev/null; then
    kill "$sim_pid" 2>/dev/null || true
    for _ in $(seq 1 40); do kill -0 "$sim_pid" 2>/dev/null || break; sleep 0.25; done
    kill -9 "$sim_pid" 2>/dev/null || true
  fi
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

SIM_ARGS=(sim --model "$SIM_MODEL_ARG" --gpu "$SIM_GPU" --gpus "$SIM_GPUS" --host 127.0.0.1 --port 0
  --error-rate "$FAULT_RATE" --reset-rate "$FAULT_RATE" --malformed-rate "$FAULT_RATE"
  --truncate-rate "$FAULT_RATE" --stall-rate "$FAULT_RATE" --stall-ms "$STALL_MS" --fault-seed "$FAULT_SEED")
log "starting the simulator: servebench ${SIM_ARGS[*]}"
"${SB[@]}" "${SIM_ARGS[@]}" >"$OUT_DIR/sim.log" 2>&1 &
sim_pid=$!
base="" model=""
for _ in $(seq 1 240); do   # 60 s at most
  kill -0 "$sim_pid" 2>/dev/null || { cat "$OUT_DIR/sim.log" >&2; die "the simulator exited"; }
  line=$(grep -m1 "serving '.*' at http://127.0.0.1:[0-9]*" "$OUT_DIR/sim.log" || true)
  if [ -n "$line" ]; then
    base=$(printf '%s\n' "$line" | grep -o 'http://127.0.0.1:[0-9]*' | head -1)
    model=$(printf '%s\n' "$line" | sed -n "s/.*serving '\\(.*\\)' at http.*/\\1/p")
    if curl -sf --max-time 2 -o /dev/null "$base/health"; then break; fi
  fi
  sleep 0.25
done
[ -n "$base" ] && curl -sf --max-time 2 -o /dev/null "$base/health" || die "the simulator was not ready within 60 s (see $OUT_DIR/sim.log)"
curl -sf --max-time 5 "$base/v1/models" | grep -q "\"$model\"" || die "$base/v1/models does not list '$model'"
log "simulator ready at $base, model '$model'"

# The simulator numbers every completion request it accepts (the "sim-N" in its response ids), before
# it draws the request's fault: so the number of a request of ours, sent before and after a round,
# brackets how many requests the client sent it in between. A probe can meet a fault itself (no id in
# a 500/503 or a reset); it is then sent again, and every probe sent is taken off the round's count.
probe_json="{\"model\":\"$model\",\"messages\":[{\"role\":\"user\",\"content\":\"fault soak probe\"}],\"max_tokens\":1,\"stream\":false}"
PROBE_ID=0 PROBES=0
probe() {
  local body rc id
  PROBES=0
  while [ "$PROBES" -lt 20 ]; do
    PROBES=$((PROBES + 1))
    rc=0
    body=$(curl -s --max-time 15 -H 'Content-Type: application/json' -d "$probe_json" "$base/v1/chat/completions") || rc=$?
    [ "$rc" -eq 7 ] && die "the simulator no longer accepts connections (see $OUT_DIR/sim.log)"
    id=$(printf '%s' "$body" | grep -o 'sim-[0-9]*' | head -1 | cut -d- -f2 || true)
    if [ -n "$id" ]; then PROBE_ID=$id; return 0; fi
  done
  die "20 probes in a row got no request number from the simulator"
}
METRICS=""
scrape() { METRICS=$(curl -sf --max-time 5 "$base/metrics") || die "cannot read $base/metrics"; }
metric() { printf '%s\n' "$METRICS" | awk -v n="$1" 'index($0, n "{") == 1 { s += $NF } END { printf "%d\n", s }'; }
engine_finished() { metric 'vllm:request_success_total'; }   # stop + length + abort
engine_busy() { echo $(( $(metric 'vllm:num_requests_running') + $(metric 'vllm:num_requests_waiting') )); }
json_get() { "$PYTHON" -c 'import json,sys; d=json.loads(sys.argv[1]); v=d
for k in sys.argv[2].split("."): v=v[k]
print(v if not isinstance(v,(list,dict)) else json.dumps(v))' "$1" "$2"; }

BENCH_ARGS=(bench --url "$base" --model "$model" --phases scaling --scaling "$SCALING" --requests "$REQUESTS"
  --input-tokens "$INPUT" --output-tokens "$OUTPUT" --cooldown 0s --tokenizer estimate --no-db --no-report --quiet)

started=$(date -u +%Y-%m-%dT%H:%M:%SZ)
t_start=$(now_ms)
printf 'round\tlaunch_epoch_ms\tkill_delay_ms\tkilled\tsim_id_before\tsim_id_after\tprobes_after\tengine_finished_delta\n' \
  >"$OUT_DIR/rounds.tsv"
probe
prev_id=$PROBE_ID
scrape
prev_finished=$(engine_finished)

rows=()            # markdown rows
failures=()        # one line per failed check
kills=0 self_ended=0 launches=0 sum_s=0 sum_r=0 sum_torn=0 sum_inflight=0 sum_lost=0 reports_ok=0 sum_retries=0
declare -A outcome_totals=()

for round in $(seq 1 "$ROUNDS"); do
  attempt=0
  while :; do
    label=$round; [ "$attempt" -gt 0 ] && label="$round (relaunch $attempt)"
    dir="$OUT_DIR/round-$round"; [ "$attempt" -gt 0 ] && dir="$OUT_DIR/round-$round-relaunch-$attempt"
    RANDOM=$(( SEED * 1000 + round * 10 + attempt ))
    span=$(( (KILL_MAX_S - KILL_MIN_S) * 1000 ))
    delay_ms=$(( KILL_MIN_S * 1000 + (span > 0 ? (RANDOM * 32768 + RANDOM) % (span + 1) : 0) ))
    launches=$((launches + 1))

    t0=$(now_ms)
    "${SB[@]}" "${BENCH_ARGS[@]}" --out "$dir" >"$dir.log" 2>&1 &
    bench_pid=$!
    deadline=$(( t0 + delay_ms ))
    while kill -0 "$bench_pid" 2>/dev/null && [ "$(now_ms)" -lt "$deadline" ]; do sleep 0.05; done
    busy_at_kill="-"
    if kill -0 "$bench_pid" 2>/dev/null; then
      scrape
      busy_at_kill=$(engine_busy)
      kill -9 "$bench_pid" 2>/dev/null || true
      t_end=$(now_ms)
      rc=0; wait "$bench_pid" 2>/dev/null || rc=$?
      killed=1
    else
      t_end=$(now_ms)
      rc=0; wait "$bench_pid" 2>/dev/null || rc=$?
      killed=0
    fi
    bench_pid=""
    at=$(secs $(( t_end - t0 )))

    # Let the server finish with the dead client's requests, then count what it was sent.
    for _ in $(seq 1 120); do   # 30 s at most
      scrape
      [ "$(engine_busy)" -eq 0 ] && break
      sleep 0.25
    done
    sleep 0.5
    probe
    scrape
    id_after=$PROBE_ID
    seen=$(( id_after - prev_id - PROBES ))                      # requests of this bench run
    finished_delta=$(( $(engine_finished) - prev_finished ))    # engine: ids in (prev, after] less 500/503
    errors=$("${CHECK[@]}" faults "$FAULT_SEED" "$FAULT_RATE" "$prev_id" "$id_after")
    expected_delta=$(( id_after - prev_id - errors ))
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$label" "$t0" "$delay_ms" "$killed" "$prev_id" "$id_after" "$PROBES" \
      "$finished_delta" >>"$OUT_DIR/rounds.tsv"
    prev_id=$id_after
    prev_finished=$(engine_finished)

    # The results folder (bench creates it after its preflight request, and writes summary.json with no
    # levels just before the first level: a kill before then leaves no folder, or one with nothing in it).
    chk=$("${CHECK[@]}" folder "$dir" --scaling "$SCALING" --requests "$REQUESTS")
    lines=$(json_get "$chk" lines); torn=$(json_get "$chk" torn); retries=$(json_get "$chk" retries)
    levels_done=$(json_get "$chk" levels); summary_state=$(json_get "$chk" summary)
    running_c=$(json_get "$chk" running_c)
    bad=$(json_get "$chk" bad); dups=$(json_get "$chk" duplicates); mismatch=$(json_get "$chk" level_mismatch)
    tmp_left=$(json_get "$chk" tmp_left)
    outcomes=$(json_get "$chk" outcomes)
    unsent=$("$PYTHON" -c 'import json,sys; o=json.loads(sys.argv[1]); print(o.get("connect",0)+o.get("client_limit",0))' "$outcomes")
    while IFS='=' read -r k n; do
      [ -n "$k" ] && outcome_totals[$k]=$(( ${outcome_totals[$k]:-0} + n ))
    done < <("$PYTHON" -c 'import json,sys; [print("%s=%d" % kv) for kv in json.loads(sys.argv[1]).items()]' "$outcomes")

    # A preflight refused by an injected fault: the run never started; launch the round again.
    if [ "$killed" -eq 0 ] && [ "$rc" -eq 3 ] && [ "$lines" -eq 0 ] && [ "$attempt" -lt "$PREFLIGHT_RETRIES" ]; then
      preflight_relaunch=1
    else
      preflight_relaunch=0
    fi

    # Accounting: S requests reached the server; R lines (less any that never reached it) are recorded.
    # The preflight request is never recorded (one, once the run got that far). Those left are the
    # requests in flight at the kill: at most the concurrency of the level that was running.
    recorded_sent=$(( lines - unsent ))
    unrecorded=$(( seen - recorded_sent ))
    pre=$(( seen > 0 ? 1 : 0 ))
    inflight=$(( unrecorded - pre ))
    if [ "$killed" -eq 1 ]; then limit=$running_c; else limit=0; fi
    lost=0 extra=0
    [ "$inflight" -gt "$limit" ] && lost=$(( inflight - limit ))
    [ "$inflight" -lt 0 ] && extra=$(( -inflight ))

    # report must read the killed folder (a torn last line is skipped with a note).
    report="-"
    if [ "$preflight_relaunch" -eq 0 ] && [ "$summary_state" = "absent" ] && [ "$lines" -eq 0 ] && [ "$torn" -eq 0 ]; then
      report="n/a (nothing recorded)"   # no run to report: the kill came before the run began
    elif [ "$preflight_relaunch" -eq 0 ]; then
      if timeout 180 "${SB[@]}" report "$dir" --out "$dir/report.html" --no-db >"$dir.report.log" 2>&1 \
          && [ -s "$dir/report.html" ]; then
        report="ok"; reports_ok=$((reports_ok + 1))
      else
        report="FAILED"
      fi
    fi

    problems=()
    [ "$bad" != "[]" ] && problems+=("unreadable lines in requests.jsonl: $bad")
    [[ "$summary_state" == unreadable* ]] && problems+=("summary.json $summary_state")
    [ "$dups" != "[]" ] && problems+=("duplicate (phase, level, index): $dups")
    [ "$mismatch" != "[]" ] && problems+=("levels: $mismatch")
    [ "$summary_state" = "absent" ] && [ $(( lines + torn )) -gt 0 ] && problems+=("requests.jsonl has lines but there is no summary.json")
    [ "$lost" -gt 0 ] && problems+=("$lost request(s) lost: the server saw $seen, $lines recorded ($unsent never sent), 1 preflight, at most $limit in flight")
    [ "$extra" -gt 0 ] && problems+=("$extra more request(s) recorded than the server saw ($seen seen, $lines recorded)")
    [ "$finished_delta" -ne "$expected_delta" ] && problems+=("the engine finished $finished_delta requests, the request numbers say $expected_delta: the server-side count is not trustworthy")
    [ "$report" = "FAILED" ] && problems+=("report failed on the folder: $(tail -3 "$dir.report.log" | tr '\n' ' ')")
    if [ "$killed" -eq 0 ] && [ "$preflight_relaunch" -eq 0 ] && ! { [ "$rc" -eq 0 ] || [ "$rc" -eq 4 ] || [ "$rc" -eq 3 ]; }; then
      problems+=("bench ended by itself with exit $rc (see $dir.log)")
    fi
    verdict="ok"
    if [ ${#problems[@]} -gt 0 ]; then
      verdict="FAIL"
      for p in "${problems[@]}"; do failures+=("round $label: $p"); done
    fi

    if [ "$killed" -eq 1 ]; then
      kills=$((kills + 1)); when="$at"
    else
      self_ended=$((self_ended + 1)); when="ended itself at $at"
    fi
    [ "$tmp_left" != "[]" ] && verdict="$verdict (left $tmp_left)"
    sum_s=$((sum_s + seen)); sum_r=$((sum_r + lines)); sum_torn=$((sum_torn + torn))
    sum_inflight=$((sum_inflight + (inflight > 0 ? inflight : 0))); sum_lost=$((sum_lost + lost))
    sum_retries=$((sum_retries + retries))
    torn_word=no; [ "$torn" -eq 1 ] && torn_word=yes
    row="| $label | $when | $rc | $levels_done of ${#levels[@]} | $lines | $torn_word | $seen | $inflight | $([ "$killed" -eq 1 ] && echo "c=$running_c" || echo 0) | $busy_at_kill | $lost | $finished_delta / $expected_delta | $report | $verdict |"
    rows+=("$row")
    log "round $label: $([ "$killed" -eq 1 ] && echo "killed at $at s" || echo "ended itself at $at s, exit $rc"); summary levels $levels_done, lines $lines, torn $torn_word, server saw $seen, in flight $inflight (limit $limit), lost $lost, report $report: $verdict"

    if [ "$preflight_relaunch" -eq 1 ]; then attempt=$((attempt + 1)); continue; fi
    break
  done
done

# In practice kill -9 does not cut a line short here: each line (~1 KB) reaches the file in one write()
# that the kernel completes. So the soak tears one on purpose: a copy of the last round's folder that
# recorded requests, its last line cut in half as a power cut or a full disk would leave it. report
# must read it and say so.
torn_check="not run (no killed folder with recorded requests)"
for r in $(seq "$ROUNDS" -1 1); do
  d="$OUT_DIR/round-$r"
  [ -d "$d" ] && [ -s "$d/requests.jsonl" ] && [ -f "$d/summary.json" ] || continue
  t="$OUT_DIR/torn-copy"
  cp -r "$d" "$t"; rm -f "$t/report.html"
  size=$(stat -c %s "$t/requests.jsonl")
  last=$(tail -n 1 "$t/requests.jsonl" | wc -c)
  truncate -s $(( size - last / 2 )) "$t/requests.jsonl"
  tchk=$("${CHECK[@]}" folder "$t" --scaling "$SCALING" --requests "$REQUESTS")
  if [ "$(json_get "$tchk" torn)" -eq 1 ] && [ "$(json_get "$tchk" bad)" = "[]" ] \
      && timeout 180 "${SB[@]}" report "$t" --out "$t/report.html" --no-db >"$t.report.log" 2>&1 \
      && [ -s "$t/report.html" ] && grep -q 'incomplete last line' "$t.report.log"; then
    torn_check="ok: a copy of $(basename "$d") with its last line cut from $last to $(( last - last / 2 )) bytes; report wrote the page and said: \`$(grep -m1 'incomplete last line' "$t.report.log" | sed "s|$OUT_DIR/||g")\`"
  else
    torn_check="FAILED on a copy of $(basename "$d") with its last line cut in half: $(tail -3 "$t.report.log" 2>/dev/null | tr '\n' ' ')"
    failures+=("torn-line check: $torn_check")
  fi
  break
done
log "torn-line check: $torn_check"
wall_s=$(( ($(now_ms) - t_start + 500) / 1000 ))
total_wall_s=$SECONDS

# --- results -------------------------------------------------------------------------------------------
cpu=$(grep -m1 'model name' /proc/cpuinfo 2>/dev/null | cut -d: -f2- | sed 's/^ *//')
[ -n "$cpu" ] || cpu=$(lscpu 2>/dev/null | awk -F: '/Model name/ { sub(/^ +/, "", $2); print $2; exit }')
outcome_line=""
for k in $(printf '%s\n' "${!outcome_totals[@]}" | sort); do outcome_line="$outcome_line${outcome_line:+, }$k ${outcome_totals[$k]}"; done
{
  echo "# Fault soak: results"
  echo
  echo "Written by \`benchmarks/fault-soak/run.sh\` (README.md here says what it checks and how)."
  echo
  echo "- command: \`$command_line\`"
  echo "- date: $started (UTC); soak wall time ${wall_s} s (${total_wall_s} s with the build and the simulator's start)"
  echo "- machine: $(nproc) CPUs, ${cpu:-unknown CPU}, $(uname -sr), $("$JAVA_HOME/bin/java" -version 2>&1 | head -1)"
  echo "- servebench: $(tail -1 "$OUT_DIR/servebench-version.txt"), $sb_origin; jar sha256 \`$jar_sha\`"
  echo "- simulator: \`servebench ${SIM_ARGS[*]}\` (model path relative to the repo: \`$SIM_MODEL\`)"
  echo "- faults: error (HTTP 500/503) $FAULT_RATE, connection reset mid-stream $FAULT_RATE, malformed chunk $FAULT_RATE, stream truncated without [DONE] $FAULT_RATE, stall ${STALL_MS} ms before output $FAULT_RATE (each request draws at most one; seed $FAULT_SEED)"
  echo "- client, per round: \`servebench ${BENCH_ARGS[*]} --out WORK/round-N\`, killed with \`kill -9\` after a delay uniform in ${KILL_MIN_S}–${KILL_MAX_S} s (seed $SEED); then \`servebench report WORK/round-N --out WORK/round-N/report.html --no-db\`"
  echo
  echo "| round | kill after s | bench exit | levels in summary.json | lines recorded | torn last line | server-seen requests | in flight at kill | limit (running level) | server running+waiting at kill | lost | engine finished / expected | report | result |"
  echo "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|"
  printf '%s\n' "${rows[@]}"
  echo "| **total** | $kills kills, $self_ended ended itself | | | $sum_r | $sum_torn | $sum_s | $sum_inflight | | | $sum_lost | | $reports_ok of $launches | $([ ${#failures[@]} -eq 0 ] && echo "**all ok**" || echo "**${#failures[@]} failed check(s)**") |"
  echo
  echo "Outcomes of the recorded requests: ${outcome_line:-none}; re-sent once on a new connection: $sum_retries."
  echo
  echo "Torn last line (made on purpose, as no kill -9 tears one): $torn_check"
  echo
  echo "Columns: *server-seen requests* = the simulator's request numbers used by the round (a probe of ours"
  echo "before and after, less the probes); *in flight at kill* = server-seen − recorded − the one preflight"
  echo "request (never recorded by design); *limit* = the concurrency of the level summary.json did not yet"
  echo "hold (the one running at the kill); *lost* = in flight beyond that limit; *engine finished / expected*"
  echo "= the delta of \`vllm:request_success_total\` (stop + length + abort) against the request numbers less"
  echo "those the fault plan answered 500/503 (an independent check of the server-side count)."
  echo
  if [ ${#failures[@]} -eq 0 ]; then
    echo "Verdict: every request the server saw was recorded exactly once, or was the preflight, or was in flight at the kill; no duplicate, no unreadable line, and \`report\` read every folder."
  else
    echo "Verdict: FAILED"
    echo
    for f in "${failures[@]}"; do echo "- $f"; done
  fi
} >"$OUT_DIR/RESULTS.md"
mkdir -p "$(dirname "$RESULTS_FILE")"
cp "$OUT_DIR/RESULTS.md" "$RESULTS_FILE"
cat "$OUT_DIR/RESULTS.md"
log "wrote $RESULTS_FILE; work folder $OUT_DIR"
[ ${#failures[@]} -eq 0 ] || exit 1
