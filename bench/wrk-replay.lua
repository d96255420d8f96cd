-- wrk script: replays pre-signed requests (bench/presign.py: records "<length>\n<raw HTTP request>"), each
-- exactly once, split across wrk's threads (thread k sends records k, k+T, k+2T, ...). Every record carries
-- its own SignatureNonce, so a record sent twice would be refused as a replay: a thread that runs out
-- stops, and done() reports it so that the run can be discarded (sign more records).
--
--   wrk -t T -c C -d 30s -s bench/wrk-replay.lua http://127.0.0.1:PORT -- REQUESTS_FILE T
local threads = {}

function setup(thread)
  thread:set("id", #threads)
  table.insert(threads, thread)
end

function init(args)
  local nthreads = tonumber(args[2])
  local f = assert(io.open(args[1], "rb"))
  local data = f:read("*a")
  f:close()
  records = {}
  local pos, n = 1, 0
  while pos <= #data do
    local nl = data:find("\n", pos, true)
    local len = tonumber(data:sub(pos, nl - 1))
    if n % nthreads == id then
      records[#records + 1] = data:sub(nl + 1, nl + len)
    end
    n = n + 1
    pos = nl + 1 + len
  end
  next_record = 0
  exhausted = 0
end

function request()
  next_record = next_record + 1
  if next_record > #records then
    exhausted = 1
    wrk.thread:stop()
    return records[#records]
  end
  return records[next_record]
end

function done(summary, latency, requests)
  local out = 0
  for _, t in ipairs(threads) do
    out = out + (t:get("exhausted") or 0)
  end
  io.write(string.format("replay: threads_out_of_records=%d requests=%d non2xx=%d errors=%d\n", out,
    summary.requests, summary.errors.status, summary.errors.connect + summary.errors.read
    + summary.errors.write + summary.errors.timeout))
  for _, p in ipairs({ 50, 90, 99, 99.9 }) do
    io.write(string.format("replay: p%s_ms=%.2f\n", p, latency:percentile(p) / 1000))
  end
end
