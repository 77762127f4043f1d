#!/usr/bin/env python3
"""Checks for the fault soak (run.sh); python3 standard library only.

  check.py folder DIR --scaling 8,16 --requests 400
      Reads a (possibly killed) bench results folder and prints one JSON object:
      lines        whole lines of requests.jsonl that parse as JSON objects (a last line that merely
                   lacks its newline but parses counts: every reader accepts it)
      torn         1 when the last line is cut short (no newline, not valid JSON), else 0
      bad          line numbers of lines that are not valid JSON yet are not the torn last line
                   (an unreadable file: what no kill can explain)
      duplicates   (phase, level, index) keys seen more than once
      retries      requests the client re-sent once on a new connection ("retries": 1)
      outcomes     count per outcome (ok, http_5xx, reset, malformed, truncated, ...)
      per_level    lines per level
      summary      "absent", "ok" or "unreadable: ..."; levels, complete, levels_planned, tmp_left
      running_c    concurrency of the first planned level summary.json does not hold yet (the level
                   that was running at the kill; 0 when every level is in it)
      level_mismatch  levels in summary.json whose metrics.requests differs from their lines in
                   requests.jsonl, or lines of a level that was not planned
  check.py faults SEED RATE LO HI
      How many of the simulator's request numbers LO+1..HI its FaultPlan answers 500/503: the same
      draw as dev.servebench.sim.server.FaultPlan (java.util.SplittableRandom(seed * 0x9E3779B97F4A7C15
      + n).nextDouble() < errorRate), so that the engine's own counter (vllm:request_success_total,
      which never sees those) can be checked against the request numbers the simulator handed out.
"""
import json
import os
import sys

MASK = (1 << 64) - 1
GOLDEN = 0x9E3779B97F4A7C15


def _next_double(seed):
    """java.util.SplittableRandom(seed).nextDouble()."""
    z = (seed + GOLDEN) & MASK
    z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
    z ^= z >> 31
    return (z >> 11) * 2.0 ** -53


def errors_between(seed, rate, lo, hi):
    return sum(1 for n in range(lo + 1, hi + 1) if _next_double((seed * GOLDEN + n) & MASK) < rate)


def check_folder(folder, scaling, requests_per_level):
    out = {"lines": 0, "torn": 0, "bad": [], "duplicates": [], "retries": 0, "outcomes": {},
           "per_level": {}, "summary": "absent", "levels": 0, "complete": False,
           "levels_planned": None, "tmp_left": [], "running_c": scaling[0] if scaling else 0,
           "level_mismatch": []}
    path = os.path.join(folder, "requests.jsonl")
    data = b""
    if os.path.isfile(path):
        with open(path, "rb") as f:
            data = f.read()
    segments = data.split(b"\n")
    # segments[-1] is what follows the last newline: empty when the file ends with one.
    whole, tail = segments[:-1], segments[-1]
    seen = set()

    def take(obj, number):
        key = (obj.get("phase"), obj.get("level"), obj.get("index"))
        if key in seen:
            out["duplicates"].append({"line": number, "key": list(key)})
        seen.add(key)
        out["lines"] += 1
        out["retries"] += int(obj.get("retries") or 0)
        o = str(obj.get("outcome"))
        out["outcomes"][o] = out["outcomes"].get(o, 0) + 1
        lv = "%s %s" % (obj.get("phase"), obj.get("level"))
        out["per_level"][lv] = out["per_level"].get(lv, 0) + 1

    for i, raw in enumerate(whole, start=1):
        try:
            obj = json.loads(raw.decode("utf-8"))
            if not isinstance(obj, dict):
                raise ValueError("not an object")
        except ValueError:
            out["bad"].append(i)
            continue
        take(obj, i)
    if tail:
        try:
            obj = json.loads(tail.decode("utf-8"))
            if not isinstance(obj, dict):
                raise ValueError("not an object")
            take(obj, len(whole) + 1)
        except ValueError:
            out["torn"] = 1

    sp = os.path.join(folder, "summary.json")
    done = 0
    if os.path.isfile(sp):
        try:
            with open(sp, encoding="utf-8") as f:
                s = json.load(f)
            levels = s.get("levels") or []
            out["summary"] = "ok"
            out["levels"] = done = len(levels)
            out["complete"] = bool(s.get("complete"))
            out["levels_planned"] = s.get("levels_planned")
            for lv in levels:
                key = "%s %s" % (lv.get("phase"), lv.get("name"))
                want = (lv.get("metrics") or {}).get("requests")
                got = out["per_level"].get(key, 0)
                if want != got:
                    out["level_mismatch"].append("%s: summary.json says %s requests, requests.jsonl has %d"
                                                 % (key, want, got))
        except (ValueError, OSError) as e:
            out["summary"] = "unreadable: %s" % e
    planned = {"SCALING c=%d" % c for c in scaling}
    for key, n in out["per_level"].items():
        if key not in planned:
            out["level_mismatch"].append("%s: %d lines of a level that was not planned" % (key, n))
        elif n > requests_per_level:
            out["level_mismatch"].append("%s: %d lines, more than the %d requests per level"
                                         % (key, n, requests_per_level))
    out["running_c"] = scaling[done] if done < len(scaling) else 0
    out["tmp_left"] = sorted(n for n in os.listdir(folder) if n.endswith(".tmp")) if os.path.isdir(folder) else []
    return out


def main(argv):
    if len(argv) >= 2 and argv[1] == "faults" and len(argv) == 6:
        print(errors_between(int(argv[2]), float(argv[3]), int(argv[4]), int(argv[5])))
        return 0
    if len(argv) == 7 and argv[1] == "folder" and argv[3] == "--scaling" and argv[5] == "--requests":
        scaling = [int(c) for c in argv[4].split(",") if c]
        print(json.dumps(check_folder(argv[2], scaling, int(argv[6])), sort_keys=True))
        return 0
    sys.stderr.write(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
