-- Removes riders silent since before the cutoff from the GEO set, their hash and trail.
-- Atomic, so a fix written concurrently is never half-removed.
-- KEYS: last-seen sorted set, GEO set; ARGV: cutoffMs, batch size
local ids = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1], 'LIMIT', 0, tonumber(ARGV[2]))
for _, id in ipairs(ids) do
  redis.call('ZREM', KEYS[1], id)
  redis.call('ZREM', KEYS[2], id)
  redis.call('DEL', 'rider:' .. id, 'trail:' .. id)
end
return #ids
