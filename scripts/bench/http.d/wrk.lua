-- wrk script of scripts/bench/http: the method (BENCH_METHOD, default GET) and an optional Range header
-- (BENCH_RANGE, not signed, so a presigned URL stays valid); at the end one line "BENCHJSON {...}" with the totals
-- and the latency percentiles (microseconds). No response() callback on purpose: with one, wrk copies every body
-- into Lua, which would dominate the 64 MiB case. Statuses are checked with curl before each run instead; wrk counts
-- answers >= 400 as errors.status.
wrk.method = os.getenv("BENCH_METHOD") or "GET"
local range = os.getenv("BENCH_RANGE")
if range ~= nil and range ~= "" then
  wrk.headers["Range"] = range
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format('BENCHJSON {"requests":%d,"bytes":%d,"duration_us":%d,"errors":{"connect":%d,"read":%d,'
    .. '"write":%d,"status":%d,"timeout":%d},"latency_us":{"p50":%d,"p90":%d,"p99":%d,"max":%d,"mean":%.1f}}\n',
    summary.requests, summary.bytes, summary.duration, e.connect, e.read, e.write, e.status, e.timeout,
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max, latency.mean))
end
