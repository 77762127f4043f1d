#!/usr/bin/env bash
# The client's CPU per request and per streamed token, warm: the static SSE server answers with
# 16 or with 256 content chunks; for each, servebench runs one SATURATION level of 15 s at 2,000
# streams and then, in a second process, two such levels. The second process's CPU (GNU time, user +
# system) less the first's is the warm level's own CPU; divided by its requests, the CPU per request.
# The per-token cost is the difference between the two bodies over the 240 extra tokens.
# Needs nginx and GNU time (Debian: apt-get install nginx time). Usage: benchmarks/static-sse/per-token.sh [port]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
port="${1:-18080}"
work="$(mktemp -d)"
chmod 755 "$work"   # nginx's worker (another user) reads the body file from here
nginx_pid=""
trap 'kill "$nginx_pid" 2>/dev/null || true; rm -rf "$work"' EXIT
. "$here/nginx.sh"
"$root/servebench" --version > /dev/null   # builds the jar now if the sources changed, not while timed
for tokens in 16 256; do
    # nginx's "return" takes at most a few KB, so the body is a file here, served to POSTs too.
    python3 - "$tokens" > "$work/body.sse" <<'PY'
import sys
n = int(sys.argv[1])
chunk = ('data: {"id":"chatcmpl-1","object":"chat.completion.chunk","created":1,"model":"m","choices":[{"index":0,'
         '"delta":{"content":" tok"},"logprobs":null,"finish_reason":%s}]}\n\n')
body = ('data: {"id":"chatcmpl-1","object":"chat.completion.chunk","created":1,"model":"m","choices":[{"index":0,'
        '"delta":{"role":"assistant","content":""},"logprobs":null,"finish_reason":null}]}\n\n')
body += "".join(chunk % ("null" if i < n - 1 else '"length"') for i in range(n))
body += ('data: {"id":"chatcmpl-1","object":"chat.completion.chunk","created":1,"model":"m","choices":[],'
         '"usage":{"prompt_tokens":16,"total_tokens":%d,"completion_tokens":%d}}\n\ndata: [DONE]\n\n' % (16 + n, n))
sys.stdout.write(body)
PY
    python3 - "$here/nginx.conf.template" "$work" > "$work/nginx.conf" <<'PY'
import re, sys
conf = open(sys.argv[1]).read()
static = ("root %s; try_files /body.sse =404; error_page 405 =200 /body.sse;" % sys.argv[2])
print(re.sub(r"return 200 '.*';", lambda m: static, conf))
PY
    sed -i -e "s#@DIR@#$work#g" -e "s#@PORT@#$port#g" "$work/nginx.conf"
    start_static_sse_nginx "$port" "$work" "$work/nginx.conf"
    for levels in 1 2; do
        rm -rf "$work/sb"
        sat="2000"; [ "$levels" = 2 ] && sat="2000,2000"
        /usr/bin/time -f "%U %S" -o "$work/cpu" "$root/servebench" bench --url "http://127.0.0.1:$port" --model m \
            --phases saturation --saturation "$sat" --requests 100000000 --max-level-duration 15s --cooldown 0s \
            --input-tokens 16 --output-tokens "$tokens" --out "$work/sb" --quiet --no-report --no-db > /dev/null
        python3 - "$work/sb/summary.json" "$work/cpu" "$tokens" "$levels" >> "$work/rows" <<'PY'
import json, sys
levels = json.load(open(sys.argv[1]))["levels"]
user, system = map(float, open(sys.argv[2]).read().split()[-2:])
m = levels[-1]["metrics"]
print(sys.argv[3], sys.argv[4], user + system, m["requests"], round(m["requests_per_second"]), m["success_rate"])
PY
    done
    kill "$nginx_pid"; wait "$nginx_pid" 2>/dev/null || true
done
python3 - "$work/rows" <<'PY'
import sys
rows = [line.split() for line in open(sys.argv[1])]
per_request = {}
for tokens in ("16", "256"):
    one = next(r for r in rows if r[0] == tokens and r[1] == "1")
    two = next(r for r in rows if r[0] == tokens and r[1] == "2")
    cpu = float(two[2]) - float(one[2])
    per_request[tokens] = cpu / int(two[3]) * 1e6
    print(f"{tokens} tokens per response: warm level {two[3]} requests, {two[4]} req/s, success {float(two[5])*100:.1f} %; "
          f"CPU {cpu:.1f} s ({float(two[2]):.1f} s for two levels, {float(one[2]):.1f} s for one) = {per_request[tokens]:.1f} us per request")
print(f"per streamed token: ({per_request['256']:.1f} - {per_request['16']:.1f}) / 240 = "
      f"{(per_request['256'] - per_request['16']) / 240:.2f} us")
PY
