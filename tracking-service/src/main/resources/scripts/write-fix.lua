-- Stores a rider's fix only if it is newer (by seq) than the stored one, atomically, so two
-- instances or a redelivered batch can never move a rider backwards.
-- KEYS: rider hash, GEO set, last-seen sorted set, trail list
-- ARGV: riderId, seq, lat, lon, speed, heading, accuracy, recordedAtMs, orderId, ttlSeconds, trailLength
local current = redis.call('HGET', KEYS[1], 'seq')
if current and tonumber(current) >= tonumber(ARGV[2]) then
  return 0
end
redis.call('HSET', KEYS[1], 'seq', ARGV[2], 'lat', ARGV[3], 'lon', ARGV[4], 'speed', ARGV[5],
  'heading', ARGV[6], 'accuracy', ARGV[7], 'at', ARGV[8], 'order', ARGV[9])
redis.call('EXPIRE', KEYS[1], ARGV[10])
redis.call('GEOADD', KEYS[2], ARGV[4], ARGV[3], ARGV[1])
redis.call('ZADD', KEYS[3], ARGV[8], ARGV[1])
redis.call('LPUSH', KEYS[4], ARGV[8] .. ',' .. ARGV[3] .. ',' .. ARGV[4])
redis.call('LTRIM', KEYS[4], 0, tonumber(ARGV[11]) - 1)
redis.call('EXPIRE', KEYS[4], ARGV[10])
return 1
