-- wrk script for bench/run: counts the responses as they arrive and, on the first response of each
-- new wall-clock second, appends "<epoch second> <responses so far>" to the file $WRK_COUNTS.<n>
-- (one file per wrk thread). bench/run reads the counts at the seconds where it sampled the
-- server's CPU, so "CPU per request" divides the CPU of a window by the requests completed in that
-- same window, while the connections stay busy across its edges (no ramp-up or drain inside it).
-- WRK_METHOD (default GET) sets the method: POST for chapter 3.
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
