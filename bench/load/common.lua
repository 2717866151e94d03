-- Shared by the load scripts (wrk 4, LuaJIT): Basic auth from the first script argument, a per-thread random
-- stream, a count of every answer that is not 2xx (wrk itself only counts status >= 400), and one result line.
local threads = {}

function setup(thread)
  thread:set("id", #threads + 1)
  table.insert(threads, thread)
end

function init(args)
  auth = "Basic " .. args[1]
  non2xx = 0
  math.randomseed(os.time() * 100 + id)
end

function response(status, headers, body)
  if status < 200 or status > 299 then non2xx = non2xx + 1 end
end

function done(summary, latency, requests)
  local bad = 0
  for _, t in ipairs(threads) do bad = bad + t:get("non2xx") end
  local e = summary.errors
  io.write(string.format(
    "RESULT requests=%d rps=%.1f p50_ms=%.1f p99_ms=%.1f max_ms=%.1f non2xx=%d socket_errors=%d (connect %d, read %d, write %d, timeout %d)\n",
    summary.requests, summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    latency.max / 1000, bad, e.connect + e.read + e.write + e.timeout, e.connect, e.read, e.write, e.timeout))
end

-- A random point of the central city (the same area as the items benchmark: 118.56–118.66° E, 24.86–24.94° N).
function city_point()
  return 118.56 + math.random() * 0.1, 24.86 + math.random() * 0.08
end
