-- wrk script for bench/loadgen.py. The requests come from a generated Lua file named by the
-- first script argument, so this one committed script serves every scenario. It counts every
-- status other than the expected one (wrk itself counts only statuses above 399) and prints
-- one JSON line, with the p95 that wrk's own report lacks.

local threads = {}

function setup(thread)
  table.insert(threads, thread)
  thread:set("thread_index", #threads)
end

function init(args)
  local plan = dofile(args[1])
  local thread_count = tonumber(args[2])
  expected_status = plan.expect
  once = plan.once
  prepared = {}
  for i, r in ipairs(plan.requests) do
    -- A request that may be sent only once goes to one thread: each takes every n-th.
    if not once or (i - 1) % thread_count == thread_index - 1 then
      table.insert(prepared, wrk.format(r.method, r.path, r.headers, r.body))
    end
  end
  -- What goes out after the pool ran out: stop() ends the loop before its response is counted.
  fallback = wrk.format("GET", plan.fallback_path)
  next_index = 0
  unexpected = 0
  bad_statuses = {}
  exhausted = 0
end

function request()
  next_index = next_index + 1
  if next_index > #prepared then
    if once then
      exhausted = 1
      wrk.thread:stop()
      return fallback
    end
    next_index = 1
  end
  return prepared[next_index]
end

function response(status, headers, body)
  if status ~= expected_status then
    unexpected = unexpected + 1
    local key = tostring(status)
    bad_statuses[key] = (bad_statuses[key] or 0) + 1
  end
end

function done(summary, latency, requests)
  local unexpected_total, exhausted_threads = 0, 0
  local statuses = {}
  for _, thread in ipairs(threads) do
    unexpected_total = unexpected_total + thread:get("unexpected")
    exhausted_threads = exhausted_threads + thread:get("exhausted")
    for status, count in pairs(thread:get("bad_statuses")) do
      statuses[status] = (statuses[status] or 0) + count
    end
  end
  local parts = {}
  for status, count in pairs(statuses) do
    table.insert(parts, string.format('"%s": %d', status, count))
  end
  local e = summary.errors
  io.write(string.format(
    'BENCH_JSON {"requests": %d, "duration_us": %d, "bytes": %d, "connect_errors": %d, ' ..
    '"read_errors": %d, "write_errors": %d, "timeouts": %d, "unexpected": %d, ' ..
    '"bad_statuses": {%s}, "exhausted_threads": %d, "p50_us": %.0f, "p95_us": %.0f, ' ..
    '"p99_us": %.0f, "mean_us": %.1f, "max_us": %.0f}\n',
    summary.requests, summary.duration, summary.bytes, e.connect, e.read, e.write, e.timeout,
    unexpected_total, table.concat(parts, ", "), exhausted_threads,
    latency:percentile(50), latency:percentile(95), latency:percentile(99), latency.mean, latency.max))
end
