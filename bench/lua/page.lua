-- wrk -s bench/lua/page.lua: GET one address (with the -H headers given).
dofile(os.getenv("BENCH_LUA_DIR") .. "/common.lua")

function init(args)
   statuses = {}
   sums = {}
   lines_used = 0
end
