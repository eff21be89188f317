-- POSTs a small chat completion; STREAM=1 in the environment asks for a stream.
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer " .. (os.getenv("BENCH_KEY") or "bench-key-0123456789")
local stream = os.getenv("STREAM") == "1"
wrk.body = '{"model":"' .. (os.getenv("MODEL") or "gpt-4o-mini") .. '","stream":' .. tostring(stream) ..
  ',"messages":[{"role":"system","content":"You are terse."},{"role":"user","content":"Say hello to the benchmark in a few words."}]}'
