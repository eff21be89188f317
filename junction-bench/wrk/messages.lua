-- POSTs a small Anthropic Messages request; STREAM=1 asks for a stream. Through Junction the model routes to the
-- OpenAI upstream, so this measures translation both ways (Anthropic in, OpenAI out, and back).
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["x-api-key"] = os.getenv("BENCH_KEY") or "bench-key-0123456789"
wrk.headers["anthropic-version"] = "2023-06-01"
local stream = os.getenv("STREAM") == "1"
wrk.body = '{"model":"' .. (os.getenv("MODEL") or "gpt-4o-mini") .. '","max_tokens":256,"stream":' ..
  tostring(stream) .. ',"system":"You are terse.",' ..
  '"messages":[{"role":"user","content":"Say hello to the benchmark in a few words."}]}'
