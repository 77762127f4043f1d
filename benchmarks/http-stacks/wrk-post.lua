wrk.method = "POST"
wrk.path   = "/v1/chat/completions"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Accept"] = "text/event-stream"
wrk.body   = '{"model":"m","messages":[{"role":"user","content":"Write a short poem about the sea and the sky, keep it under sixteen tokens please."}],"max_tokens":16,"stream":true,"stream_options":{"include_usage":true}}'
