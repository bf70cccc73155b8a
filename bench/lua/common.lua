-- Shared by page.lua and lines.lua (wrk loads one script; each copies this
-- part with dofile). Every thread counts the status codes and adds up the
-- instrumentation headers (mandat/core/bench.py); done() prints one line
-- "WRK_JSON {...}" that bench/wrk.py parses.

local threads = {}

function setup(thread)
   thread:set("id", #threads)
   table.insert(threads, thread)
end

local function add_header(name, value)
   if value then
      sums[name] = (sums[name] or 0) + tonumber(value)
   end
end

function response(status, headers, body)
   local key = tostring(status)
   statuses[key] = (statuses[key] or 0) + 1
   if headers["X-Mandat-Queries"] then
      sums.counted = (sums.counted or 0) + 1
      add_header("queries", headers["X-Mandat-Queries"])
      add_header("sql_ms", headers["X-Mandat-SQL-ms"])
      add_header("commits", headers["X-Mandat-Commits"])
      add_header("cpu_ms", headers["X-Mandat-CPU-ms"])
   end
end

local function encode(value)
   local kind = type(value)
   if kind == "table" then
      local parts = {}
      for k, v in pairs(value) do
         table.insert(parts, string.format("%q:%s", tostring(k), encode(v)))
      end
      return "{" .. table.concat(parts, ",") .. "}"
   elseif kind == "number" then
      return string.format("%.6f", value)
   elseif kind == "string" then
      return string.format("%q", value)
   end
   return "null"
end

function done(summary, latency, requests)
   local out = {
      requests = summary.requests,
      duration_us = summary.duration,
      bytes = summary.bytes,
      errors = summary.errors,
      latency_us = {
         min = latency.min,
         max = latency.max,
         mean = latency.mean,
         p50 = latency:percentile(50),
         p75 = latency:percentile(75),
         p90 = latency:percentile(90),
         p95 = latency:percentile(95),
         p99 = latency:percentile(99),
      },
      statuses = {},
      sums = {},
      lines_used = 0,
   }
   for _, thread in ipairs(threads) do
      for k, v in pairs(thread:get("statuses") or {}) do
         out.statuses[k] = (out.statuses[k] or 0) + v
      end
      for k, v in pairs(thread:get("sums") or {}) do
         out.sums[k] = (out.sums[k] or 0) + v
      end
      out.lines_used = out.lines_used + (thread:get("lines_used") or 0)
   end
   io.write("WRK_JSON " .. encode(out) .. "\n")
end
