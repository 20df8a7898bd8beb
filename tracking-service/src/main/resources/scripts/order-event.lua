-- Applies one order event: the order hash (status only moves forward), the active-order index
-- and the rider's duty (idle / to-restaurant / to-customer).
-- KEYS: order hash, active-orders sorted set, rider-duty hash
-- ARGV: orderId, riderId or '', status, statusRank, atMs, ttlSeconds, restaurant (id|name|lat|lon), customer (same)
local rank = tonumber(redis.call('HGET', KEYS[1], 'rank') or '-1')
local newRank = tonumber(ARGV[4])
redis.call('HSET', KEYS[1], string.lower(ARGV[3]) .. 'At', ARGV[5])
if newRank >= rank then
  redis.call('HSET', KEYS[1], 'status', ARGV[3], 'rank', ARGV[4], 'restaurant', ARGV[7], 'customer', ARGV[8])
  if ARGV[2] ~= '' then redis.call('HSET', KEYS[1], 'rider', ARGV[2]) end
end
redis.call('EXPIRE', KEYS[1], ARGV[6])
local status = redis.call('HGET', KEYS[1], 'status')
local rider = redis.call('HGET', KEYS[1], 'rider')
if status == 'DELIVERED' or status == 'CANCELLED' then
  redis.call('ZREM', KEYS[2], ARGV[1])
  if rider then
    local duty = redis.call('HGET', KEYS[3], rider)
    if duty and string.sub(duty, -(#ARGV[1] + 1)) == '|' .. ARGV[1] then redis.call('HDEL', KEYS[3], rider) end
  end
else
  redis.call('ZADD', KEYS[2], ARGV[5], ARGV[1])
  if rider and status == 'ASSIGNED' then redis.call('HSET', KEYS[3], rider, 'to-restaurant|' .. ARGV[1]) end
  if rider and status == 'PICKED_UP' then redis.call('HSET', KEYS[3], rider, 'to-customer|' .. ARGV[1]) end
end
return status
