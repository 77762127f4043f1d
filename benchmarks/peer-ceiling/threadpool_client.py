#!/usr/bin/env python3
"""The study's client pattern: a pool of N threads, each sending one streamed chat request after
another over its own keep-alive connection, reading the SSE body line by line and parsing every
data chunk as JSON (as a client that counts tokens must). Python standard library only.

Usage: threadpool_client.py HOST PORT THREADS SECONDS
Prints one JSON line: requests, ok, seconds, req_per_s, p50_ms, p99_ms.
"""
import http.client
import json
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor

host, port, threads, seconds = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), float(sys.argv[4])
BODY = json.dumps({"model": "m", "messages": [{"role": "user", "content": "x " * 16}], "max_tokens": 16,
                   "stream": True, "stream_options": {"include_usage": True}}).encode()
HEADERS = {"Content-Type": "application/json", "Accept": "text/event-stream"}
lock = threading.Lock()
latencies = []
failures = [0]
deadline = time.monotonic() + seconds


def worker(_):
    conn = http.client.HTTPConnection(host, port, timeout=30)
    mine, bad = [], 0
    while time.monotonic() < deadline:
        start = time.monotonic()
        try:
            conn.request("POST", "/v1/chat/completions", body=BODY, headers=HEADERS)
            resp = conn.getresponse()
            tokens = 0
            for raw in resp:
                line = raw.strip()
                if line.startswith(b"data: ") and line != b"data: [DONE]":
                    chunk = json.loads(line[6:])
                    for choice in chunk.get("choices", []):
                        if choice.get("delta", {}).get("content"):
                            tokens += 1
            resp.read()  # the end of the body, so that the connection can carry the next request
            if resp.status == 200 and tokens > 0:
                mine.append(time.monotonic() - start)
            else:
                bad += 1
        except Exception:
            bad += 1
            conn.close()
            conn = http.client.HTTPConnection(host, port, timeout=30)
    with lock:
        latencies.extend(mine)
        failures[0] += bad


began = time.monotonic()
with ThreadPoolExecutor(max_workers=threads) as pool:
    list(pool.map(worker, range(threads)))
elapsed = time.monotonic() - began
latencies.sort()
q = lambda p: latencies[min(len(latencies) - 1, int(p * len(latencies)))] * 1000 if latencies else float("nan")
print(json.dumps({"requests": len(latencies) + failures[0], "ok": len(latencies), "seconds": round(elapsed, 2),
                  "req_per_s": round(len(latencies) / elapsed, 1), "p50_ms": round(q(0.5), 2),
                  "p99_ms": round(q(0.99), 2)}))
