#!/usr/bin/env python3
"""Makes the agreement table (servebench vs vLLM's benchmark_serving.py) from a run.sh work folder.

    python3 benchmarks/peer-agreement/table.py target/peer-agreement [--write RESULTS.md]

Standard library only. Every figure in the main table is the median over the rounds of that
figure, each round's figure being what the tool itself reported for its run. Prompt and server
figures come from the llama-server log, sliced per run (run.sh records each run's byte range).
"""
import argparse
import json
import os
import re
import statistics
import sys

TOOLS = ("vllm", "servebench")
LABEL = {"vllm": "vLLM client", "servebench": "servebench"}

# (row label, key) in the order of the table; keys are filled by vllm_figures / servebench_figures.
ROWS = [
    ("TTFT mean (ms)", "ttft_mean"), ("TTFT median (ms)", "ttft_p50"), ("TTFT p99 (ms)", "ttft_p99"),
    ("TPOT mean (ms)", "tpot_mean"), ("TPOT median (ms)", "tpot_p50"), ("TPOT p99 (ms)", "tpot_p99"),
    ("ITL mean (ms)", "itl_mean"), ("ITL median (ms)", "itl_p50"), ("ITL p99 (ms)", "itl_p99"),
    ("E2E latency mean (ms)", "e2e_mean"), ("E2E latency median (ms)", "e2e_p50"),
    ("E2E latency p99 (ms)", "e2e_p99"),
    ("Output throughput (tok/s)", "out_tps"), ("Request throughput (req/s)", "req_ps"),
    ("Successful requests", "ok"), ("Duration / wall time (s)", "duration"),
    ("Duration per successful request (ms)", "per_ok_ms"),
]
# Same requests as seen by the server (llama.cpp's own per-request timings in its log).
SERVER_ROWS = [
    ("server: prompt tokens per request (mean)", "srv_prompt"),
    ("server: prefill time per request (mean ms)", "srv_prefill_ms"),
    ("server: decode time per token (ms)", "srv_decode_ms"),
    ("TTFT mean − server prefill mean (ms): client, network, server queueing", "ttft_minus_prefill"),
    ("TPOT mean − server decode per token (ms)", "tpot_minus_decode"),
    ("client process CPU (s, whole run)", "cpu_s"),
]


def read_meta(out):
    meta = {}
    path = os.path.join(out, "meta.txt")
    if os.path.exists(path):
        with open(path, encoding="utf-8") as f:
            for line in f:
                if "=" in line:
                    k, v = line.rstrip("\n").split("=", 1)
                    meta[k] = v
    return meta


NEW_PROMPT = re.compile(r"task (\d+) \| new prompt, .*n_prompt_tokens = (\d+)")
CACHE_RM = re.compile(r"task (\d+) \| kv cache rm \[(\d+), end\)")
TIMING = re.compile(r"print_timing: id +\d+ \| task (\d+) \|")
PROMPT_EVAL = re.compile(r"^\s*prompt eval time =\s*([\d.]+) ms /\s*(\d+) tokens")
EVAL = re.compile(r"^\s*eval time =\s*([\d.]+) ms /\s*(\d+) tokens")


def server_tasks(out, run_dir):
    """The chat requests llama-server logged during one run, in order, as dicts."""
    rng = os.path.join(run_dir, "server-log-range")
    if not os.path.exists(rng):
        return []
    start, end = (int(x) for x in open(rng).read().split())
    with open(os.path.join(out, "llama-server.log"), "rb") as f:
        f.seek(start)
        text = f.read(end - start).decode("utf-8", "replace")
    tasks, order, timing_task = {}, [], None
    for line in text.splitlines():
        m = NEW_PROMPT.search(line)
        if m:
            t = m.group(1)
            tasks[t] = {"prompt": int(m.group(2)), "cached": 0}
            order.append(t)
            continue
        m = CACHE_RM.search(line)
        if m and m.group(1) in tasks:
            tasks[m.group(1)]["cached"] = int(m.group(2))
            continue
        m = TIMING.search(line)
        if m:
            timing_task = m.group(1)
            continue
        m = PROMPT_EVAL.match(line)
        if m and timing_task in tasks:
            tasks[timing_task]["prefill_ms"] = float(m.group(1))
            continue
        m = EVAL.match(line)
        if m and timing_task in tasks:
            tasks[timing_task]["decode_ms"] = float(m.group(1))
            tasks[timing_task]["decode_n"] = int(m.group(2))
    return [tasks[t] for t in order]


def server_figures(tasks):
    """Drops the first request (vLLM's test request / servebench's WARMUP) and summarizes the rest."""
    measured = tasks[1:]
    if not measured:
        return {}
    timed = [t for t in measured if "decode_ms" in t]
    decode_n = sum(t["decode_n"] for t in timed)
    return {
        "srv_n": len(measured),
        "srv_prompts": [t["prompt"] for t in measured],
        "srv_prompt": statistics.mean(t["prompt"] for t in measured),
        "srv_cached": statistics.mean(t["cached"] for t in measured),
        "srv_cache_hits": sum(1 for t in measured if t["cached"] * 2 >= t["prompt"]),
        "srv_prefill_ms": statistics.mean(t["prefill_ms"] for t in timed) if timed else None,
        "srv_decode_ms": sum(t["decode_ms"] for t in timed) / decode_n if decode_n else None,
    }


def cpu_seconds(run_dir):
    path = os.path.join(run_dir, "time.txt")
    if not os.path.exists(path):
        return None
    for line in open(path):
        parts = line.split()
        if len(parts) == 3:
            try:
                return float(parts[1]) + float(parts[2])
            except ValueError:
                pass
    return None


def vllm_figures(run_dir):
    r = json.load(open(os.path.join(run_dir, "result.json")))
    f = {}
    for metric, key in (("ttft", "ttft"), ("tpot", "tpot"), ("itl", "itl"), ("e2el", "e2e")):
        f[key + "_mean"] = r.get(f"mean_{metric}_ms")
        f[key + "_p50"] = r.get(f"median_{metric}_ms")
        f[key + "_p99"] = r.get(f"p99_{metric}_ms")
    f["out_tps"] = r["output_throughput"]
    f["req_ps"] = r["request_throughput"]
    f["ok"] = r["completed"]
    f["issued"] = r["num_prompts"]
    f["duration"] = r["duration"]
    lens = [n for n, err in zip(r["input_lens"], r["errors"]) if not err]
    f["claimed_prompt"] = statistics.mean(lens) if lens else None
    f["failures"] = {"error": r["num_prompts"] - r["completed"]} if r["num_prompts"] != r["completed"] else {}
    return f


def servebench_figures(run_dir):
    out = os.path.join(run_dir, "out")
    s = json.load(open(os.path.join(out, "summary.json")))
    levels = [lv for lv in s["levels"] if lv["phase"] != "WARMUP"]
    if len(levels) != 1:
        raise SystemExit(f"{out}/summary.json: expected one measured level, found {len(levels)}")
    level = levels[0]
    m = level["metrics"]
    f = {}
    for metric, key, scale in (("ttft_millis", "ttft", 1), ("tpot_millis", "tpot", 1),
                               ("itl_millis", "itl", 1), ("latency_seconds", "e2e", 1000)):
        d = m.get(metric) or {}
        for stat in ("mean", "p50", "p99"):
            v = d.get(stat)
            f[f"{key}_{stat}"] = None if v is None else v * scale
    f["out_tps"] = m["output_tokens_per_second"]
    f["req_ps"] = m["requests_per_second"]
    f["ok"] = m["valid_requests"]
    f["issued"] = m["requests"]
    f["duration"] = m["wall_seconds"]
    f["failures"] = m.get("failures_by_class") or {}
    prompts = []
    with open(os.path.join(out, "requests.jsonl"), encoding="utf-8") as fh:
        for line in fh:
            rec = json.loads(line)
            if rec.get("phase") == level["phase"] and rec.get("outcome") == "ok":
                prompts.append(rec["prompt_tokens"])
    f["usage_prompt"] = statistics.mean(prompts) if prompts else None
    f["prompt_mode"] = (s.get("config") or {}).get("prompt_mode")
    return f


def collect(out, meta):
    data = {}  # data[c][tool] = list of per-round dicts
    concurrencies = meta.get("concurrencies", "").split() or sorted(
        d[1:] for d in os.listdir(out) if re.fullmatch(r"c\d+", d))
    for c in concurrencies:
        cdir = os.path.join(out, f"c{c}")
        if not os.path.isdir(cdir):
            continue
        rounds = sorted((d for d in os.listdir(cdir) if re.fullmatch(r"r\d+", d)), key=lambda d: int(d[1:]))
        for r in rounds:
            for tool in TOOLS:
                run_dir = os.path.join(cdir, r, tool)
                done = os.path.exists(os.path.join(run_dir, "result.json" if tool == "vllm" else "out/summary.json"))
                if not done:
                    continue
                f = vllm_figures(run_dir) if tool == "vllm" else servebench_figures(run_dir)
                f.update(server_figures(server_tasks(out, run_dir)))
                f["cpu_s"] = cpu_seconds(run_dir)
                f["per_ok_ms"] = f["duration"] / f["ok"] * 1000 if f["ok"] else None
                if f.get("srv_prefill_ms") is not None and f.get("ttft_mean") is not None:
                    f["ttft_minus_prefill"] = f["ttft_mean"] - f["srv_prefill_ms"]
                if f.get("srv_decode_ms") is not None and f.get("tpot_mean") is not None:
                    f["tpot_minus_decode"] = f["tpot_mean"] - f["srv_decode_ms"]
                f["round"] = int(r[1:])
                load = os.path.join(run_dir, "loadavg-before")
                f["load"] = open(load).read().split()[0] if os.path.exists(load) else "?"
                data.setdefault(c, {}).setdefault(tool, []).append(f)
    return data


def med(values):
    values = [v for v in values if v is not None]
    return statistics.median(values) if values else None


def fmt(v, key=""):
    if v is None:
        return "–"
    if key in ("ok",):
        return f"{v:g}"
    if abs(v) >= 100:
        return f"{v:.1f}"
    if abs(v) >= 10:
        return f"{v:.2f}"
    return f"{v:.3f}"


def rel(a, b):
    if a is None or b is None or a <= 0 or b < 0:
        return "–"
    return f"{(b - a) / a * 100:+.1f} %"


def table(rows, runs):
    lines = ["| metric | vLLM client | servebench | servebench vs vLLM |", "|---|---:|---:|---:|"]
    for label, key in rows:
        a = med(f.get(key) for f in runs.get("vllm", []))
        b = med(f.get(key) for f in runs.get("servebench", []))
        lines.append(f"| {label} | {fmt(a, key)} | {fmt(b, key)} | {rel(a, b)} |")
    return lines


def prompt_table(runs):
    lines = ["| | vLLM client | servebench |", "|---|---:|---:|"]

    def all_prompts(tool):
        return [p for f in runs.get(tool, []) for p in f.get("srv_prompts", [])]

    def mean_of(tool, key):
        vals = [f.get(key) for f in runs.get(tool, []) if f.get(key) is not None]
        return statistics.mean(vals) if vals else None

    pv, ps = all_prompts("vllm"), all_prompts("servebench")
    lines.append(f"| prompt tokens the tool says it sent (mean) | {fmt(mean_of('vllm', 'claimed_prompt'))} "
                 f"(`input_lens`) | {fmt(mean_of('servebench', 'usage_prompt'))} (`usage.prompt_tokens`, "
                 f"requests.jsonl) |")
    lines.append(f"| prompt tokens the server counted (mean, llama-server log) | "
                 f"{fmt(statistics.mean(pv)) if pv else '–'} | {fmt(statistics.mean(ps)) if ps else '–'} |")
    lines.append(f"| … min – max | {min(pv) if pv else '–'} – {max(pv) if pv else '–'} | "
                 f"{min(ps) if ps else '–'} – {max(ps) if ps else '–'} |")
    lines.append(f"| … standard deviation | {fmt(statistics.pstdev(pv)) if pv else '–'} | "
                 f"{fmt(statistics.pstdev(ps)) if ps else '–'} |")
    lines.append(f"| prompt tokens reused from llama.cpp's slot cache (mean) | {fmt(mean_of('vllm', 'srv_cached'))} | "
                 f"{fmt(mean_of('servebench', 'srv_cached'))} |")
    hv = sum(f.get("srv_cache_hits", 0) for f in runs.get("vllm", []))
    hs = sum(f.get("srv_cache_hits", 0) for f in runs.get("servebench", []))
    lines.append(f"| requests with ≥ half the prompt cached (all rounds) | {hv} | {hs} |")
    lines.append(f"| requests the server logged (all rounds, without the test/warmup request) | "
                 f"{len(pv)} | {len(ps)} |")
    return lines


def round_table(runs):
    lines = ["| round | tool | TTFT mean | TPOT mean | ITL mean | out tok/s | req/s | ok / sent | failures "
             "| server decode ms/tok | client CPU s | load before |",
             "|---:|---|---:|---:|---:|---:|---:|---:|---|---:|---:|---:|"]
    n = max((f["round"] for t in TOOLS for f in runs.get(t, [])), default=0)
    for r in range(1, n + 1):
        for tool in TOOLS:
            for f in runs.get(tool, []):
                if f["round"] != r:
                    continue
                fails = ", ".join(f"{k} {v}" for k, v in sorted(f["failures"].items())) or "–"
                lines.append(f"| {r} | {LABEL[tool]} | {fmt(f['ttft_mean'])} | {fmt(f['tpot_mean'])} | "
                             f"{fmt(f['itl_mean'])} | {fmt(f['out_tps'])} | {fmt(f['req_ps'])} | "
                             f"{f['ok']} / {f['issued']} | {fails} | {fmt(f.get('srv_decode_ms'))} | "
                             f"{fmt(f.get('cpu_s'))} | {f['load']} |")
    return lines


DEFINITIONS = """\
## How each tool defines its figures

servebench line numbers are those of `src/main/java/dev/servebench/` at commit 53644dd (the
connection and prompt rows describe the code since then); vLLM's are those of
`shared/peers/vllm-bench/` (upstream of January 2025 plus the peer-lab patch).

| figure | vLLM client (`benchmark_serving.py`, `backend_request_func.py`) | servebench |
|---|---|---|
| request start | `st = time.perf_counter()` before `session.post`, inside a **new `aiohttp.ClientSession` per request** (`backend_request_func.py:341,373`): every request opens a new TCP connection, and its connect time is inside TTFT | `sentNanos` before the request is handed to the transport (`OpenAiClient.java:46`); connections are **kept alive and pooled** (`client/HttpTransport`); a request that meets a pooled connection the server already closed is re-sent once on a new one, still timed from its first send. llama-server closes after every streamed answer, so most requests here pay a connect (~0.1 ms on loopback) as vLLM's do |
| TTFT | start → first SSE chunk whose `delta.content` is non-empty, read after `json.loads` (`backend_request_func.py:399-404`) | send → arrival (Netty read, `HttpTransport.java:222`) of the first chunk carrying output text (`ResponseInterpreter.java:210-213`, `RequestRecord.java:74-76`) |
| ITL | every gap between a content chunk and the **previous chunk with `choices`, content or not** (`most_recent_timestamp` is updated for every such chunk, `backend_request_func.py:389,396-413`); pooled over all requests | every gap between consecutive chunks **carrying output text** (`ResponseInterpreter.java:308-318`); pooled over valid requests (`LevelAggregator.java:66-68`). With llama.cpp the only text-less chunk is the last one, so the two coincide |
| TPOT | `(latency − ttft) / (output_tokens − 1)` per request, `latency` taken at the `[DONE]` line (`benchmark_serving.py:462-465`, `backend_request_func.py:386-387`); output tokens from `usage` (peer-lab patch, `benchmark_serving.py:454-458`) | `(end − first token) / (completion_tokens − 1)` per request, `end` = last byte of the response (`RequestRecord.java:79-84`, `OpenAiClient.java:60,121`); completion tokens from `usage` |
| E2E latency | start → `[DONE]` (`backend_request_func.py:387`) | send → last byte (`RequestRecord.java:60-62`) |
| percentiles | `np.percentile` (linear) and `np.median` (`benchmark_serving.py:510-530`) | Hyndman–Fan type 7 = numpy's linear (`Summary.java:11-15`) |
| which requests count | `success`: HTTP 200 and a stream read to the end without an exception (`backend_request_func.py:415-424`); the output length is not checked | `valid`: HTTP 200, well-formed, complete and — with `--ignore-eos` — exactly `--output-tokens` long (`LevelAggregator.java:53-56`, docs/summary-schema.md); a reused connection the server closed before answering is retried once, not counted as a failure |
| output throughput | Σ output tokens of successful requests / `benchmark_duration` (`benchmark_serving.py:508`) | Σ completion tokens of valid requests / `wall_seconds` (`LevelAggregator.java:82-84`) |
| request throughput | completed / `benchmark_duration` (`benchmark_serving.py:506`) | valid / `wall_seconds` (`LevelAggregator.java:99`) |
| throughput denominator | `benchmark_duration`: from just before the tasks are created to after `asyncio.gather` returns and the progress bar closes (`benchmark_serving.py:627,644,664`) — after the initial test request | `wall_seconds`: level start (before the workers start, `LoadRunner.java:36`) to the end of the last request (`LoadResult.java:20-22`, `LoadRunner.java:115-124`) — after the WARMUP level |
| warm-up | one test request = the **first prompt of the run itself** (`benchmark_serving.py:560-583`), so llama.cpp's slot cache already holds the prompt of the first measured request | a WARMUP level of one request with its own prompt (100 in / 50 out, `BenchmarkConfig.java:96`), excluded from all figures |
| prompt tokens | the length it *asked* for: `input_lens` = `--random-input-len` for every request (`benchmark_serving.py:379,460`); the prompt is the detokenized text of random token ids (`benchmark_serving.py:374-378`), which the server re-tokenizes and wraps in the chat template, so the server counts a different number | `usage.prompt_tokens` from the server for every request (`ResponseInterpreter.java:222-225`); the prompt is unique per request and exactly `--input-tokens` long by the server's `/tokenize` (`prompt/WordPrompts`), plus the chat template's tokens, measured once per run. Here servebench asks for 162 so that the server counts what it counts for vLLM's "128" |
| between requests (c = 1) | a new `ClientSession` and TCP connection per request (`backend_request_func.py:341`); Python's event loop does all the work | a virtual thread per worker on a reused connection (`LoadRunner.java:39-56`); a new JVM per run (JIT compilation during the run) |
"""


def checks(runs):
    """Data-driven remarks on whether this concurrency's comparison is like for like."""
    notes = []
    v, b = runs.get("vllm", []), runs.get("servebench", [])
    pv = [p for f in v for p in f.get("srv_prompts", [])]
    pb = [p for f in b for p in f.get("srv_prompts", [])]
    if pv and pb:
        mv, mb = statistics.mean(pv), statistics.mean(pb)
        if abs(mb - mv) > 0.02 * mv:
            notes.append(f"**Prompt lengths differ:** the server counted {mv:.1f} tokens per vLLM request and "
                         f"{mb:.1f} per servebench request ({(mb - mv) / mv * 100:+.1f} %), so TTFT, E2E latency "
                         "and throughput do not compare like for like.")
        claimed = [f.get("claimed_prompt") for f in v if f.get("claimed_prompt") is not None]
        if claimed:
            notes.append(f"vLLM's `input_lens` / `total_input_tokens` say {statistics.mean(claimed):.1f} tokens per "
                         f"request; the server counted {mv:.1f} (chat template plus re-tokenization of the "
                         "detokenized random ids).")
    hits = sum(f.get("srv_cache_hits", 0) for f in v)
    if hits:
        notes.append(f"{hits} of vLLM's measured requests had at least half of their prompt in llama.cpp's slot cache "
                     "(its test request repeats the run's first prompt).")
    for tool, fs in (("vLLM client", v), ("servebench", b)):
        failed = sum(f["issued"] - f["ok"] for f in fs)
        issued = sum(f["issued"] for f in fs)
        if failed:
            classes = {}
            for f in fs:
                for k, n in f["failures"].items():
                    classes[k] = classes.get(k, 0) + n
            what = ", ".join(f"{k} {n}" for k, n in sorted(classes.items()))
            notes.append(f"**{tool}: {failed} of {issued} requests failed** ({what}); they are left out of its "
                         "latency figures and of its throughput numerators.")
    for tool, fs in (("vLLM client", v), ("servebench", b)):
        d = [f["tpot_minus_decode"] for f in fs if f.get("tpot_minus_decode") is not None]
        if d:
            notes.append(f"{tool}: TPOT minus the server's own decode time per token: "
                         f"{min(d):+.3f} to {max(d):+.3f} ms over its runs.")
    dv = med(f.get("srv_decode_ms") for f in v)
    db = med(f.get("srv_decode_ms") for f in b)
    pvms = med(f["srv_prefill_ms"] / f["srv_prompt"] for f in v if f.get("srv_prefill_ms") and f.get("srv_prompt"))
    pbms = med(f["srv_prefill_ms"] / f["srv_prompt"] for f in b if f.get("srv_prefill_ms") and f.get("srv_prompt"))
    cv, cb = med(f.get("cpu_s") for f in v), med(f.get("cpu_s") for f in b)
    if dv and db and pvms and pbms:
        notes.append(f"The server itself ran at {pvms:.3f} vs {pbms:.3f} ms per prompt token and {dv:.3f} vs "
                     f"{db:.3f} ms per output token during the vLLM vs servebench runs"
                     + (f"; the client processes used {cv:.2f} vs {cb:.2f} CPU-seconds per run" if cv and cb else "")
                     + ". On a machine with few cores the client's own CPU use can slow the server it measures.")
    return notes


def render(out, meta, data):
    rounds = meta.get("rounds", "?")
    lines = ["# servebench vs vLLM's benchmark client on llama.cpp", "",
             "Generated by `benchmarks/peer-agreement/table.py` from the work folder of `run.sh`; "
             "do not edit by hand (README.md explains the method).", ""]
    lines += [f"- **Command:** `{meta.get('command', '?')}`",
              f"- **Date:** {meta.get('started', '?')} to {meta.get('finished', '?')} "
              f"(wall time {meta.get('wall_seconds', '?')} s for the runs)",
              f"- **Machine:** {meta.get('nproc', '?')} CPUs, {meta.get('cpu', '?')}, {meta.get('kernel', '?')}; "
              f"host `{meta.get('host', '?')}`",
              f"- **Server:** llama.cpp `llama-server` {meta.get('llama_server', '?')}, "
              "tiny-llama-18m-f16.gguf (random weights), one server for all runs",
              f"- **CPU pinning:** {meta.get('pinning', 'none')}",
              f"- **servebench:** {meta.get('servebench', '?')}; {meta.get('java', '?')}",
              f"- **vLLM client:** {meta.get('vllm_client', '?')}; {meta.get('python', '?')}",
              f"- **Workload:** chat completions, {meta.get('input', '?')} input / {meta.get('output', '?')} output "
              f"tokens asked for (servebench: {meta.get('servebench_input', meta.get('input', '?'))} input, so "
              "that both tools' prompts have the same length by the server's count), "
              f"`ignore_eos`, {meta.get('prompts', '?')} requests per run, closed loop at "
              f"concurrency {', '.join(meta.get('concurrencies', '?').split())}; {rounds} rounds per concurrency, each "
              "round the vLLM client first, then servebench",
              "", "Per run:", "",
              f"    {meta.get('vllm_cmd', '?')}",
              f"    {meta.get('servebench_cmd', '?')}", "",
              "(C = concurrency, R = round number, used as both tools' seed so that no prompt repeats across "
              "rounds.)", ""]
    for c, runs in data.items():
        modes = {f.get("prompt_mode") for f in runs.get("servebench", [])} - {None}
        lines += [f"## Concurrency {c}", "",
                  f"Each figure is the **median over the {len(runs.get('vllm', []))} vLLM / "
                  f"{len(runs.get('servebench', []))} servebench rounds** of the figure each tool reported for its "
                  "run. Relative difference = (servebench − vLLM) / vLLM."
                  + (f" servebench prompt mode: `{', '.join(sorted(str(m) for m in modes))}`." if modes else ""), ""]
        lines += table(ROWS, runs)
        notes = checks(runs)
        if notes:
            lines += ["", "Checks:", ""] + [f"- {n}" for n in notes]
        lines += ["", "The same runs seen from the server (llama-server's per-request timings in its log; median "
                  "over rounds; the test/warmup request left out):", ""]
        lines += table(SERVER_ROWS, runs)
        lines += ["", "Prompt lengths (all rounds pooled):", ""]
        lines += prompt_table(runs)
        lines += ["", "Every round:", ""]
        lines += round_table(runs)
        lines.append("")
    lines.append(DEFINITIONS)
    return "\n".join(lines) + "\n"


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("workdir", nargs="?", default="target/peer-agreement")
    ap.add_argument("--write", metavar="FILE", help="also write the Markdown to FILE")
    args = ap.parse_args()
    meta = read_meta(args.workdir)
    data = collect(args.workdir, meta)
    if not data:
        sys.exit(f"no finished runs in {args.workdir}")
    text = render(args.workdir, meta, data)
    sys.stdout.write(text)
    if args.write:
        with open(args.write, "w", encoding="utf-8") as f:
            f.write(text)
        print(f"\nwritten to {args.write}", file=sys.stderr)


if __name__ == "__main__":
    main()
