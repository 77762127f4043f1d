#!/usr/bin/env python3
"""Client ceilings side by side (issue #15): wrk, servebench, vLLM's benchmark_serving.py (the copy in
../shared/peers/vllm-bench) and the study's thread-pool client pattern (threadpool_client.py), each
against the same static SSE server (nginx, benchmarks/static-sse/nginx.conf.template: 16 content
chunks, the usage chunk and [DONE] per response), at two concurrencies each, one run of SECONDS each,
clients alternating. CPU is the client process's user + system time (GNU time). Prints a markdown table.

Needs nginx, wrk, GNU time, and /usr/bin/python3 with aiohttp, numpy, tqdm (Debian: apt-get install
nginx wrk time python3-aiohttp python3-numpy python3-tqdm).
Usage: benchmarks/peer-ceiling/run.py [--port 18094] [--seconds 15]
"""
import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", ".."))
VLLM = os.path.abspath(os.path.join(ROOT, "..", "shared", "peers", "vllm-bench", "benchmark_serving.py"))


def timed(cmd, **kw):
    """Runs cmd under GNU time; returns (stdout+stderr text, cpu seconds, wall seconds)."""
    out = subprocess.run(["/usr/bin/time", "-f", "@@cpu %U %S %e"] + cmd, capture_output=True, text=True, **kw)
    text = out.stdout + out.stderr
    m = re.search(r"@@cpu ([\d.]+) ([\d.]+) ([\d.]+)", text)
    return text, float(m.group(1)) + float(m.group(2)), float(m.group(3))


def run_wrk(port, c, seconds, work):
    text, cpu, _ = timed(["wrk", "-t2", f"-c{c}", f"-d{seconds}s", "--latency", "-s",
                          os.path.join(ROOT, "benchmarks", "static-sse", "post.lua"),
                          f"http://127.0.0.1:{port}/v1/chat/completions"])
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1))
    total = int(re.search(r"(\d+) requests in", text).group(1))
    p99 = re.search(r"99%\s+([\d.]+)(us|ms|s)\b", text)
    scale = {"us": 0.001, "ms": 1, "s": 1000}[p99.group(2)]
    errors = re.search(r"Socket errors: (.*)", text)
    return dict(rate=rate, requests=total, cpu=cpu, p99_ms=float(p99.group(1)) * scale,
                note="socket errors: " + errors.group(1) if errors else "")


def run_servebench(port, c, seconds, work, levels):
    out = os.path.join(work, f"sb-{c}-{levels}")
    text, cpu, _ = timed([os.path.join(ROOT, "servebench"), "bench", "--url", f"http://127.0.0.1:{port}", "--model",
                          "m", "--phases", "saturation", "--saturation", ",".join([str(c)] * levels),
                          "--requests", "100000000", "--max-level-duration", f"{seconds}s", "--cooldown", "0s",
                          "--input-tokens", "16", "--output-tokens", "16", "--out", out, "--quiet", "--no-report",
                          "--no-db"])
    lv = json.load(open(os.path.join(out, "summary.json")))["levels"]
    m = lv[-1]["metrics"]
    return dict(rate=m["requests_per_second"], requests=m["requests"], cpu=cpu,
                p99_ms=m["latency_seconds"]["p99"] * 1000, all_requests=sum(x["metrics"]["requests"] for x in lv),
                success=m["success_rate"])


def run_vllm(port, c, seconds, work, expected_rate=900):
    out = os.path.join(work, f"vllm-{c}")
    os.makedirs(out, exist_ok=True)
    prompts = int(expected_rate * seconds)
    text, cpu, wall = timed(["/usr/bin/python3", VLLM, "--backend", "openai-chat", "--base-url",
                             f"http://127.0.0.1:{port}", "--endpoint", "/v1/chat/completions", "--model", "m",
                             "--tokenizer", "whitespace", "--dataset-name", "random", "--random-input-len", "16",
                             "--random-output-len", "16", "--num-prompts", str(prompts), "--max-concurrency", str(c),
                             "--ignore-eos", "--save-result", "--result-dir", out, "--percentile-metrics",
                             "ttft,tpot,itl,e2el", "--metric-percentiles", "50,99", "--disable-tqdm"])
    result = json.load(open(os.path.join(out, os.listdir(out)[0])))
    return dict(rate=result["request_throughput"], requests=result["completed"], cpu=cpu,
                p99_ms=result["p99_e2el_ms"], note=f"{result['completed']} of {prompts} completed")


def run_threadpool(port, c, seconds, work):
    text, cpu, _ = timed(["/usr/bin/python3", os.path.join(HERE, "threadpool_client.py"), "127.0.0.1", str(port),
                          str(c), str(seconds)])
    r = json.loads(text.splitlines()[0])
    return dict(rate=r["req_per_s"], requests=r["ok"], cpu=cpu, p99_ms=r["p99_ms"],
                note=f"{r['requests'] - r['ok']} failed")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--port", type=int, default=18094)
    ap.add_argument("--seconds", type=int, default=15)
    args = ap.parse_args()
    # Build the jar first (the launcher rebuilds it when sources changed), so no build is timed below.
    subprocess.run([os.path.join(ROOT, "servebench"), "--version"], check=True, capture_output=True)
    work = tempfile.mkdtemp()
    conf = open(os.path.join(ROOT, "benchmarks", "static-sse", "nginx.conf.template")).read()
    with open(os.path.join(work, "nginx.conf"), "w") as f:
        f.write(conf.replace("@DIR@", work).replace("@PORT@", str(args.port)))
    nginx = subprocess.Popen(["nginx", "-c", os.path.join(work, "nginx.conf")], stderr=subprocess.DEVNULL)
    try:
        time.sleep(1)
        s = args.seconds
        plan = [("wrk", 2000, lambda: run_wrk(args.port, 2000, s, work)),
                ("servebench", 2000, lambda: run_servebench(args.port, 2000, s, work, 1)),
                ("vLLM benchmark_serving.py", 100, lambda: run_vllm(args.port, 100, s, work)),
                ("thread-pool client", 4, lambda: run_threadpool(args.port, 4, s, work)),
                ("wrk", 100, lambda: run_wrk(args.port, 100, s, work)),
                ("servebench", 100, lambda: run_servebench(args.port, 100, s, work, 1)),
                ("vLLM benchmark_serving.py", 1000, lambda: run_vllm(args.port, 1000, s, work)),
                ("thread-pool client", 64, lambda: run_threadpool(args.port, 64, s, work)),
                ("servebench, second level (warm JVM)", 2000,
                 lambda: run_servebench(args.port, 2000, s, work, 2))]
        results = []
        for name, c, fn in plan:
            r = fn()
            r.update(name=name, c=c)
            print(f"# {name} c={c}: {r['rate']:.0f} req/s, {r['requests']} requests, cpu {r['cpu']:.1f} s, "
                  f"p99 {r['p99_ms']:.1f} ms {r.get('note', '')}", file=sys.stderr, flush=True)
            results.append(r)
        # The warm level's own CPU: the two-level run less the one-level run at the same concurrency.
        one = next(r for r in results if r["name"] == "servebench" and r["c"] == 2000)
        warm = results[-1]
        warm["cpu"] = warm["cpu"] - one["cpu"]
        warm["note"] = "CPU: the two-level run's less the one-level run's"
        print("| client | concurrency | req/s | requests | client CPU s per 10k requests | p99 latency ms | note |")
        print("|---|---:|---:|---:|---:|---:|---|")
        for r in results:
            print(f"| {r['name']} | {r['c']} | {r['rate']:,.0f} | {r['requests']:,} | "
                  f"{r['cpu'] / r['requests'] * 10000:.2f} | {r['p99_ms']:.1f} | {r.get('note', '')} |")
    finally:
        nginx.terminate()
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
