-- Stores each rider's fix only if it is newer (by seq) than the stored one, atomically, so two
-- instances or a redelivered batch can never move a rider backwards. One call carries many riders'
-- fixes (a poll's worth, in chunks): Redis runs one script instead of one per fix, and the GEO set
-- and the last-seen set get one GEOADD and one ZADD for the whole call.
-- No TTLs: the sweeper (sweep.lua) deletes a silent rider's hash and trail with its last-seen
-- entry, so two EXPIREs per fix, two of the eight commands a fix cost Redis, would only repeat
-- its work. The last-seen score is refreshed only when it is seenEveryMs old: moving a rider to
-- the end of a sorted set of 100,000 was, with the GEOADD, half of Redis' time per fix (its
-- commandstats at 20,000 fixes/s). The sweeper reads the hash's "at" before it removes anyone
-- (issue 14). The GEOADD was the largest command per fix: a rider moves in the GEO set only when
-- the caller says so (geo non-empty: it has moved 50 m from where it was indexed, or that was
-- 30 s ago; RiderStore's GeoRefresh). A trail keeps a position only once it is trailEveryMs newer
-- than the last one kept (the hash's 'trail'): with 10 s, every second fix of a rider sending every
-- 5 s, one in ten of a phone sending every second. Under the seeds' scenario the trails were 585 MB of
-- Redis' 700 MB and their LPUSH its dearest command per fix (issue 14). RPUSH appends at the tail,
-- where LPUSH moved the whole list node along, and a trail is trimmed back to trailLength only once
-- it holds a tenth more (RPUSH answers the list's length; readers take the last trailLength).
-- KEYS: GEO set, last-seen sorted set, then per fix: rider hash, trail list
-- ARGV: trailLength, seenEveryMs, trailEveryMs, then per fix: riderId, seq, lat, lon, speed,
--       heading, accuracy, recordedAtMs, orderId, geo
-- Returns how many fixes were newer than what Redis held.
local keep = tonumber(ARGV[1])
local seenEvery = tonumber(ARGV[2])
local trailEvery = tonumber(ARGV[3])
local trimAt = keep + math.floor(keep / 10)
local geo = {}
local seen = {}
local newer = 0
for i = 0, (#KEYS - 2) / 2 - 1 do
  local hash = KEYS[3 + 2 * i]
  local a = 3 + 10 * i
  local id, seq, lat, lon, at = ARGV[a + 1], ARGV[a + 2], ARGV[a + 3], ARGV[a + 4], ARGV[a + 8]
  local current = redis.call('HMGET', hash, 'seq', 'seen', 'trail')
  if not current[1] or tonumber(current[1]) < tonumber(seq) then
    local fields = { 'seq', seq, 'lat', lat, 'lon', lon, 'speed', ARGV[a + 5], 'heading', ARGV[a + 6],
      'accuracy', ARGV[a + 7], 'at', at, 'order', ARGV[a + 9] }
    local t = tonumber(at)
    -- 'seen' is the rider's last-seen score, kept in its hash so no ZSCORE is needed
    if not current[2] or t - tonumber(current[2]) >= seenEvery then
      fields[#fields + 1] = 'seen'
      fields[#fields + 1] = at
      seen[#seen + 1] = at
      seen[#seen + 1] = id
    end
    -- a clock that went back starts the trail's spacing again rather than stopping it
    local sinceTrail = current[3] and t - tonumber(current[3])
    if not sinceTrail or sinceTrail >= trailEvery or sinceTrail < 0 then
      fields[#fields + 1] = 'trail'
      fields[#fields + 1] = at
      local trail = KEYS[4 + 2 * i]
      if redis.call('RPUSH', trail, at .. ',' .. lat .. ',' .. lon) > trimAt then
        redis.call('LTRIM', trail, -keep, -1)
      end
    end
    redis.call('HSET', hash, unpack(fields))
    -- GEO covers latitudes up to 85.05°: a rider nearer a pole keeps its hash and trail,
    -- and a GEOADD refused for it would fail every fix of the call
    if ARGV[a + 10] ~= '' then
      local degrees = tonumber(lat)
      if degrees >= -85.05112878 and degrees <= 85.05112878 then
        geo[#geo + 1] = lon
        geo[#geo + 1] = lat
        geo[#geo + 1] = id
      else
        redis.call('ZREM', KEYS[1], id)
      end
    end
    newer = newer + 1
  end
end
if #geo > 0 then
  redis.call('GEOADD', KEYS[1], unpack(geo))
end
if #seen > 0 then
  redis.call('ZADD', KEYS[2], unpack(seen))
end
return newer
