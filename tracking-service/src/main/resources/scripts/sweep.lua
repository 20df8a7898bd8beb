-- Removes riders silent since before the cutoff from the GEO set, their hash and trail.
-- Atomic, so a fix written concurrently is never half-removed. A last-seen score may be up to
-- write-fixes.lua's seenEveryMs older than the rider's newest fix: a rider whose hash says it
-- was seen after the cutoff gets its true time as its score and stays.
-- KEYS: last-seen sorted set, GEO set; ARGV: cutoffMs, batch size
-- Returns {riders examined, riders removed}.
local cutoff = tonumber(ARGV[1])
local ids = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1], 'LIMIT', 0, tonumber(ARGV[2]))
local removed = 0
for _, id in ipairs(ids) do
  local at = redis.call('HGET', 'rider:' .. id, 'at')
  if at and tonumber(at) > cutoff then
    redis.call('ZADD', KEYS[1], at, id)
    redis.call('HSET', 'rider:' .. id, 'seen', at)
  else
    redis.call('ZREM', KEYS[1], id)
    redis.call('ZREM', KEYS[2], id)
    redis.call('DEL', 'rider:' .. id, 'trail:' .. id)
    removed = removed + 1
  end
end
return {#ids, removed}
