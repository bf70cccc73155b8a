-- wrk -s bench/lua/lines.lua: send the requests of the file BENCH_LINES, one
-- per line "METHOD<TAB>path<TAB>Cookie header<TAB>form body", each thread
-- taking its share of the lines in order. A thread that comes to the end of
-- its share starts again; lines_used tells the harness whether it did.
dofile(os.getenv("BENCH_LUA_DIR") .. "/common.lua")

local lines = {}
local position = 0

function init(args)
   statuses = {}
   sums = {}
   lines_used = 0
   local count = tonumber(os.getenv("BENCH_THREADS") or "1")
   local n = 0
   for line in io.lines(os.getenv("BENCH_LINES")) do
      if n % count == id then
         local method, path, cookie, body = line:match("^([^\t]*)\t([^\t]*)\t([^\t]*)\t(.*)$")
         local headers = {}
         if cookie ~= "" then
            headers["Cookie"] = cookie
         end
         if method == "POST" then
            headers["Content-Type"] = "application/x-www-form-urlencoded"
         else
            body = nil
         end
         table.insert(lines, wrk.format(method, path, headers, body))
      end
      n = n + 1
   end
end

function request()
   position = position + 1
   lines_used = position
   return lines[(position - 1) % #lines + 1]
end
