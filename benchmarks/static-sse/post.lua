-- wrk: POST the same request servebench sends (16 input tokens, 16 output tokens, streaming).
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"model":"m","messages":[{"role":"user","content":"Request 1: benchmark words here ok"}],"max_completion_tokens":16,"max_tokens":16,"temperature":0.0,"stream":true,"stream_options":{"include_usage":true}}'
