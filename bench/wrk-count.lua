-- wrk script for bench/run: counts the responses as they arrive and, on the first response of each
-- new wall-clock second, appends "<epoch second> <responses so far>" to the file $WRK_COUNTS.<n>
-- (one file per wrk thread). bench/run reads the counts at the seconds where it sampled the
-- server's CPU, so "CPU per request" divides the CPU of a window by the requests completed in that
-- same window, while the connections stay busy across its edges (no ramp-up or drain inside it).
-- WRK_METHOD (default GET) sets the method: POST for chapter 3. At the end it writes how many
-- responses took over 2 s to $WRK_COUNTS.over.
wrk.method = os.getenv("WRK_METHOD") or "GET"

local counts = os.getenv("WRK_COUNTS")
local threads = 0

function setup(thread)
  threads = threads + 1
  thread:set("id", threads)
end

local out, seen, second = nil, 0, 0

function init(args)
  if counts then
    out = io.open(counts .. "." .. tostring(id), "w")
  end
end

function response(status, headers, body)
  seen = seen + 1
  local now = os.time()
  if out and now ~= second then
    second = now
    out:write(now, " ", seen, "\n")
    out:flush()
  end
end

-- At the end: how many responses took over 2 s, into $WRK_COUNTS.over. wrk keeps a latency
-- histogram only below --timeout (bench/run passes 10 s: later ones count as "timeout"), and gives
-- a script only its percentiles: find the share above 2 s by bisecting them.
function done(summary, latency, requests)
  if not counts then
    return
  end
  local limit = 2000000 -- microseconds
  local over = 0
  if summary.requests > 0 and latency.max > limit then
    local lo, hi = 0, 100
    for _ = 1, 24 do
      local mid = (lo + hi) / 2
      if latency:percentile(mid) > limit then hi = mid else lo = mid end
    end
    over = math.floor((100 - hi) / 100 * summary.requests + 0.5)
  end
  local file = io.open(counts .. ".over", "w")
  file:write(over, "\n")
  file:close()
end
