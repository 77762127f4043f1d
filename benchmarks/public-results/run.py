#!/usr/bin/env python3
"""Predicts every published figure in figures.json with `servebench predict` and writes README.md.

Usage (from the repository root or anywhere):  python3 benchmarks/public-results/run.py
The table in README.md is this script's output only: edit figures.json, never the table.
"""
import json
import math
import os
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))


def metric(name, summary, gpus):
    m = summary["levels"][-1]["metrics"]
    return {
        "output_tok_s": lambda: m["output_tokens_per_second"],
        "output_tok_s_per_gpu": lambda: m["output_tokens_per_second"] / gpus,
        "total_tok_s": lambda: m["total_tokens_per_second"],
        "itl_ms_mean": lambda: m["itl_millis"]["mean"],
        "ttft_ms_mean": lambda: m["ttft_millis"]["mean"],
        "e2e_s_mean": lambda: m["latency_seconds"]["mean"],
    }[name]()


def predict(figure, folder):
    out = os.path.join(folder, figure["id"])
    command = [os.path.join(ROOT, "servebench"), "predict", *figure["predict"], "--no-db", "--no-report", "--quiet",
               "--out", out]
    run = subprocess.run(command, capture_output=True, text=True)
    if run.returncode != 0:
        return None, "predict failed (exit %d): %s" % (run.returncode, run.stderr.strip().splitlines()[-1:]), command
    with open(os.path.join(out, "summary.json")) as f:
        summary = json.load(f)
    notes = []
    for line in run.stderr.splitlines():
        if "UNCALIBRATED: " in line:
            # "UNCALIBRATED: mi300x on rocm/aiter: the kernel factors were fitted or measured on mi325x, ..."
            notes.append(line.split("UNCALIBRATED: ", 1)[1].split(":", 1)[0] + ": uncalibrated")
        elif "AITER off" in line:
            notes.append("AITER off (advise's rule)")
    level = summary["levels"][-1]["metrics"]
    if level["success_rate"] < 1:
        notes.append("%.1f %% of the predicted requests succeeded (%s)" % (
            100 * level["success_rate"], ", ".join("%d %s" % (n, c) for c, n in level["failures_by_class"].items())))
    if level["valid_requests"] == 0:
        return None, "; ".join(notes), command
    value = metric(figure["metric"], summary, figure["gpus"])
    return value, "; ".join(notes), command


def fmt(v):
    return "-" if v is None else ("%.2f" % v if abs(v) < 100 else "{:,.0f}".format(v))


def main():
    with open(os.path.join(HERE, "figures.json")) as f:
        figures = json.load(f)["figures"]
    rows = []
    with tempfile.TemporaryDirectory() as folder:
        for figure in figures:
            print("predicting", figure["id"], file=sys.stderr, flush=True)
            value, note, command = predict(figure, folder)
            ratio = None if value is None else value / figure["published"]
            rows.append((figure, value, ratio, note, command))
    commit = subprocess.run(["git", "-C", ROOT, "rev-parse", "--short", "HEAD"], capture_output=True,
                            text=True).stdout.strip()
    ratios = [r for _, _, r, _, _ in rows if r is not None]
    errors = sorted(abs(math.log(r)) for r in ratios)
    lines = [
        "# The simulator against published serving figures",
        "",
        "Written by `python3 benchmarks/public-results/run.py` (commit %s, %s) from `figures.json`: each figure's"
        % (commit, time.strftime("%Y-%m-%d")),
        "source, quote and setup are there. **A test set:** none of these figures sets a constant in",
        "`perf-factors.json`. ratio = predicted / published; a ratio of 2 and of 0.5 are equally far off.",
        "",
        "| figure | GPUs | batch | metric | published | predicted | ratio | notes |",
        "|---|---|---|---|---:|---:|---:|---|",
    ]
    for figure, value, ratio, note, _ in rows:
        lines.append("| %s | %d x %s | %s | %s | %s | %s | %s | %s |" % (
            figure["id"], figure["gpus"], figure["gpu"], figure["batch"], figure["metric"],
            fmt(figure["published"]), fmt(value), "-" if ratio is None else "%.2f" % ratio, note))
    if ratios:
        worst = max(rows, key=lambda r: -1 if r[2] is None else abs(math.log(r[2])))
        lines += [
            "",
            "%d of %d figures predicted. Median ratio %.2f; median |error| x%.2f; worst %s at %.2f; "
            "within x1.25: %d, within x1.5: %d, within x2: %d." % (
                len(ratios), len(rows), statistics.median(ratios), math.exp(statistics.median(errors)),
                worst[0]["id"], worst[2], sum(e <= math.log(1.25) for e in errors),
                sum(e <= math.log(1.5) for e in errors), sum(e <= math.log(2) for e in errors)),
        ]
    lines += ["", "Commands:", ""]
    for figure, _, _, _, command in rows:
        lines.append("- `%s`: `servebench %s`" % (figure["id"], " ".join(command[1:-5])))
    with open(os.path.join(HERE, "README.md"), "w") as f:
        f.write("\n".join(lines) + "\n")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
