-- Like wrk_report.lua, with the answers split by status: 503s (shed with Retry-After) and other
-- non-2xx apart. Each wrk thread counts in its own Lua state; done() adds them up.
local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  shed, shed_without_retry_after, other = 0, 0, 0
end

function response(status, headers, body)
  if status == 503 then
    shed = shed + 1
    if headers["Retry-After"] == nil and headers["retry-after"] == nil then
      shed_without_retry_after = shed_without_retry_after + 1
    end
  elseif status >= 300 then
    other = other + 1
  end
end

function done(summary, latency, requests)
  local total_shed, total_missing, total_other = 0, 0, 0
  for _, thread in ipairs(threads) do
    total_shed = total_shed + thread:get("shed")
    total_missing = total_missing + thread:get("shed_without_retry_after")
    total_other = total_other + thread:get("other")
  end
  local seconds = summary.duration / 1e6
  io.write(string.format(
    '{"requests": %d, "s503": %d, "s503_without_retry_after": %d, "other_non2xx": %d, "timeouts": %d, ' ..
    '"connect_errors": %d, "rps": %.1f, "p50_ms": %.2f, "p99_ms": %.2f}\n',
    summary.requests, total_shed, total_missing, total_other, summary.errors.timeout, summary.errors.connect,
    summary.requests / seconds, latency:percentile(50) / 1000, latency:percentile(99) / 1000))
end
