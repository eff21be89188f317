-- Reads the state of every subject without taking anything.
-- KEYS: per subject: requests bucket, tokens bucket, leases (as in acquire.lua).
-- ARGV: per subject: RPM, TPM, max concurrent (0 = no limit).
-- Reply: per subject: requests remaining, requests full in (us), tokens remaining, tokens full in (us), active leases.
local PERIOD = 60000000
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000000 + tonumber(time[2])
local subjects = #ARGV / 3

local function bucket(key, limit)
  if limit <= 0 then
    return 0, 0
  end
  local tat = now
  local stored = redis.call('GET', key)
  if stored then
    tat = math.max(tonumber(stored), now)
  end
  return math.floor((now + PERIOD - tat) * limit / PERIOD), tat - now
end

local reply = {}
for i = 1, subjects do
  local key = (i - 1) * 3
  local requests, requests_full = bucket(KEYS[key + 1], tonumber(ARGV[key + 1]))
  local tokens, tokens_full = bucket(KEYS[key + 2], tonumber(ARGV[key + 2]))
  local active = 0
  if tonumber(ARGV[key + 3]) > 0 then
    active = redis.call('ZCOUNT', KEYS[key + 3], string.format('(%d', now), '+inf')
  end
  for _, value in ipairs({requests, requests_full, tokens, tokens_full, active}) do
    table.insert(reply, value)
  end
end
return reply
