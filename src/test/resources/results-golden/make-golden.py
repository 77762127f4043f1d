#!/usr/bin/env python3
"""Builds the golden results folders from two fresh runs (see README.md).

usage: make-golden.py PREDICT_OUT BENCH_OUT   (folders written by the commands in README.md)
"""
import json, os, shutil, sys

here = os.path.dirname(os.path.abspath(__file__))
predict, bench = sys.argv[1], sys.argv[2]


def load(folder):
    with open(os.path.join(folder, "summary.json")) as f:
        summary = json.load(f)
    with open(os.path.join(folder, "requests.jsonl")) as f:
        lines = [json.loads(l) for l in f if l.strip()]
    summary["tool"]["host"] = "golden-host"  # not this machine's name
    return summary, lines


def save(name, summary, lines):
    out = os.path.join(here, name)
    shutil.rmtree(out, ignore_errors=True)
    os.makedirs(out)
    with open(os.path.join(out, "summary.json"), "w") as f:
        json.dump(summary, f, indent=2)
        f.write("\n")
    with open(os.path.join(out, "requests.jsonl"), "w") as f:
        for l in lines:
            f.write(json.dumps(l, separators=(",", ":"), ensure_ascii=False) + "\n")


def drop(d, *keys):
    for k in keys:
        d.pop(k, None)


def older(summary, lines, line_fields, summary_fields, config_fields, level_fields, metric_fields):
    for l in lines:
        drop(l, *line_fields)
    drop(summary, *summary_fields)
    drop(summary["config"], *config_fields)
    for level in summary["levels"]:
        drop(level, *level_fields)
        drop(level["metrics"], *metric_fields)
    return summary, lines


# Today's format, as written.
save("current-predict", *load(predict))
save("current-bench", *load(bench))

# Before 1dcb70e (asked_prompt_tokens) and ce0475c (seed_origin, prompt_cache): 3c1feb3..ce0475c^.
save("v1-before-asked-prompt-tokens", *older(*load(bench),
     line_fields=["asked_prompt_tokens"], summary_fields=[], config_fields=["seed_origin"],
     level_fields=["prompt_cache"], metric_fields=[]))

# 4968bca..aedbb03^: connection fields and ttfat_ms, but no turn, no levels_planned, no request_mix/conversation.
save("v1-before-levels-planned", *older(*load(bench),
     line_fields=["asked_prompt_tokens", "turn"], summary_fields=["levels_planned"],
     config_fields=["seed_origin", "request_mix", "conversation"], level_fields=["prompt_cache", "server_metrics",
                                                                                   "workers"],
     metric_fields=["first_failure_by_class", "ttft_millis_by_turn"]))

# 8ba3135..4968bca^: the first format.
save("v1-initial", *older(*load(predict),
     line_fields=["asked_prompt_tokens", "turn", "ttfat_ms", "connection", "connect_ms", "retries"],
     summary_fields=["levels_planned"], config_fields=["seed_origin", "request_mix", "conversation"],
     level_fields=["prompt_cache", "server_metrics", "workers"],
     metric_fields=["first_failure_by_class", "ttft_millis_by_turn", "time_to_first_answer_millis", "lengths",
                    "connections"]))
