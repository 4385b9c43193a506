-- Appended to every wrk run of the benchmarks: print the figures as one JSON line.
-- "failed" counts non-2xx answers and timeouts; "non2xx", "timeouts" and "connect_errors" split
-- it; "closed" counts connections the server closed after answering (uWSGI's --http-socket does
-- not keep connections alive).
done = function(summary, latency, requests)
  local seconds = summary.duration / 1e6
  io.write(string.format(
    '{"requests": %d, "failed": %d, "non2xx": %d, "timeouts": %d, "connect_errors": %d, "closed": %d, ' ..
    '"rps": %.1f, "p50_ms": %.2f, "p95_ms": %.2f, "p99_ms": %.2f}\n',
    summary.requests,
    summary.errors.status + summary.errors.timeout + summary.errors.connect,
    summary.errors.status, summary.errors.timeout, summary.errors.connect,
    summary.errors.read + summary.errors.write,
    summary.requests / seconds,
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000))
end
