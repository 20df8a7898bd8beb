-- wrk load script for location-producer: see docs/location-producer.md.
-- BATCH=1 uses POST /api/v1/locations, BATCH>1 POST /api/v1/locations/batch; TOKENS names the file tokens.py wrote.
-- POSTs fixes of 2,000 riders; BATCH fixes per request (1 = the single-fix endpoint)
local batch = tonumber(os.getenv("BATCH") or "1")
-- DELAY ms between a connection's requests: connections x 1000 / DELAY approximates a fixed request rate
local pause = tonumber(os.getenv("DELAY") or "0")
local riders = {}
local seqs = {}
for line in io.lines(os.getenv("TOKENS") or "tokens.txt") do
  local r, t = line:match("(%S+) (%S+)")
  riders[#riders + 1] = { id = r, token = t }
end
local n = 0
local path = (batch == 1) and "/api/v1/locations" or "/api/v1/locations/batch"
local function fix(r, seq, now)
  return string.format('{"riderId":"%s","seq":%d,"orderId":"order-%d","lat":%.6f,"lon":%.6f,"speedMps":%.1f,"headingDeg":%.1f,"accuracyM":5.0,"recordedAt":"%s"}',
    r.id, seq, seq % 1000, 52.5 + math.random() * 0.1, 13.4 + math.random() * 0.1, math.random() * 10, math.random() * 359, now)
end
request = function()
  n = n + 1
  local r = riders[math.random(#riders)]
  local now = os.date("!%Y-%m-%dT%H:%M:%SZ")
  local body
  if batch == 1 then
    body = fix(r, n, now)
  else
    local parts = {}
    for i = 1, batch do parts[i] = fix(r, n * batch + i, now) end
    body = "[" .. table.concat(parts, ",") .. "]"
  end
  return wrk.format("POST", path, { ["Content-Type"] = "application/json", ["Authorization"] = "Bearer " .. r.token }, body)
end
local codes = {}
response = function(status, headers, body)
  codes[status] = (codes[status] or 0) + 1
  if status ~= 202 and (codes[status] or 0) < 3 then io.stderr:write(status .. " " .. body .. "\n") end
end

if pause > 0 then
  delay = function() return pause end
end
