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
-- A fix travels as six arguments and is stored as four fields: the position as one "lat,lon" and
-- what changes rarely as one "speed,heading,accuracy,order". Lua turns every argument into a string
-- and every field of an HSET back into a Redis object; with ten arguments and eight fields a fix,
-- that was a third of the script's time (bench/redis-write-script.py: 10.8 -> 7.2 us a fix).
-- KEYS: GEO set, last-seen sorted set, then per fix: rider hash, trail list
-- ARGV: trailLength, seenEveryMs, trailEveryMs, then per fix: riderId, seq, recordedAtMs, "lat,lon",
--       "speed,heading,accuracy,orderId", geo
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
  local a = 3 + 6 * i
  local seq, at, pos = ARGV[a + 2], ARGV[a + 3], ARGV[a + 4]
  local current = redis.call('HMGET', hash, 'seq', 'seen', 'trail')
  if not current[1] or tonumber(current[1]) < tonumber(seq) then
    local t = tonumber(at)
    -- 'seen' is the rider's last-seen score, kept in its hash so no ZSCORE is needed
    local seenDue = not current[2] or t - tonumber(current[2]) >= seenEvery
    -- a clock that went back starts the trail's spacing again rather than stopping it
    local sinceTrail = current[3] and t - tonumber(current[3])
    local trailDue = not sinceTrail or sinceTrail >= trailEvery or sinceTrail < 0
    -- one HSET per case with its arguments spelt out: no table of fields to build and unpack
    if seenDue and trailDue then
      redis.call('HSET', hash, 'seq', seq, 'at', at, 'pos', pos, 'motion', ARGV[a + 5], 'seen', at, 'trail', at)
    elseif seenDue then
      redis.call('HSET', hash, 'seq', seq, 'at', at, 'pos', pos, 'motion', ARGV[a + 5], 'seen', at)
    elseif trailDue then
      redis.call('HSET', hash, 'seq', seq, 'at', at, 'pos', pos, 'motion', ARGV[a + 5], 'trail', at)
    else
      redis.call('HSET', hash, 'seq', seq, 'at', at, 'pos', pos, 'motion', ARGV[a + 5])
    end
    if seenDue then
      seen[#seen + 1] = at
      seen[#seen + 1] = ARGV[a + 1]
    end
    if trailDue then
      local trail = KEYS[4 + 2 * i]
      if redis.call('RPUSH', trail, at .. ',' .. pos) > trimAt then
        redis.call('LTRIM', trail, -keep, -1)
      end
    end
    -- GEO covers latitudes up to 85.05°: a rider nearer a pole keeps its hash and trail,
    -- and a GEOADD refused for it would fail every fix of the call
    if ARGV[a + 6] ~= '' then
      local lat, lon = string.match(pos, '^([^,]+),([^,]+)$')
      local degrees = tonumber(lat)
      if degrees >= -85.05112878 and degrees <= 85.05112878 then
        geo[#geo + 1] = lon
        geo[#geo + 1] = lat
        geo[#geo + 1] = ARGV[a + 1]
      else
        redis.call('ZREM', KEYS[1], ARGV[a + 1])
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
