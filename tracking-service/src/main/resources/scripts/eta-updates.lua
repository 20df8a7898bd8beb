-- Stores orders' newest ETAs: an estimate computed before the stored one never replaces it.
-- One call for a poll's worth of orders (at most one ETA per order), instead of three round
-- trips per ETA.
-- KEYS: order hashes; ARGV: ttlSeconds, then per order: etaSeconds, remainingMeters, computedAtMs
-- Returns how many were stored.
local stored = 0
for i = 1, #KEYS do
  local a = 2 + 3 * (i - 1)
  local previous = redis.call('HGET', KEYS[i], 'etaComputedAt')
  if not previous or tonumber(previous) <= tonumber(ARGV[a + 2]) then
    redis.call('HSET', KEYS[i], 'etaSeconds', ARGV[a], 'etaRemainingMeters', ARGV[a + 1],
      'etaComputedAt', ARGV[a + 2])
    redis.call('EXPIRE', KEYS[i], ARGV[1])
    stored = stored + 1
  end
end
return stored
