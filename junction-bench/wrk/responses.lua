-- POSTs a small Responses API request; STREAM=1 asks for a stream. Through Junction the model (MODEL, default
-- claude-sonnet-4-5) routes to the Anthropic-format upstream, so this measures the Responses dialect translated both
-- ways (Responses in, Anthropic out, and back); the conversation is not stored (store: false), as Codex sends it.
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer " .. (os.getenv("BENCH_KEY") or "bench-key-0123456789")
local stream = os.getenv("STREAM") == "1"
wrk.body = '{"model":"' .. (os.getenv("MODEL") or "claude-sonnet-4-5") .. '","max_output_tokens":256,"stream":' ..
  tostring(stream) .. ',"store":false,"instructions":"You are terse.",' ..
  '"input":"Say hello to the benchmark in a few words."}'
