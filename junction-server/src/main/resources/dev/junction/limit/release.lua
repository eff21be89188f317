-- Ends a request: frees its concurrency slot (lease ARGV[1]) and corrects the tokens it took by ARGV[2] (estimate minus
-- actual): a positive correction gives tokens back (a bucket never fills beyond its capacity), a negative one takes
-- more (the bucket may go into debt, which later requests wait out). Only a lease that acquire.lua marked as held is
-- released, and releasing ends the mark: a second release of the same lease (a request finishing through two paths),
-- a release of a denied or expired one changes nothing.
-- KEYS: per subject: requests bucket, tokens bucket, leases (as in acquire.lua); then the lease's held mark.
-- ARGV: lease id, correction (tokens), then per subject: RPM, TPM, max concurrent (0 = no limit).
-- Reply: {1} when the lease was released, {0} when there was nothing to release.
local PERIOD = 60000000
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000000 + tonumber(time[2])
local lease = ARGV[1]
local correction = tonumber(ARGV[2])
local subjects = (#ARGV - 2) / 3

if redis.call('DEL', KEYS[#KEYS]) == 0 then
  return {0}
end
for i = 1, subjects do
  local key = (i - 1) * 3
  local tpm = tonumber(ARGV[2 + key + 2])
  if tonumber(ARGV[2 + key + 3]) > 0 then
    redis.call('ZREM', KEYS[key + 3], lease)
  end
  if tpm > 0 and correction ~= 0 then
    local stored = redis.call('GET', KEYS[key + 2])
    local tat = now
    if stored then
      tat = math.max(tonumber(stored), now)
    end
    tat = tat - math.floor(correction * PERIOD / tpm)
    if tat <= now then
      -- A full bucket is the same as no bucket.
      redis.call('DEL', KEYS[key + 2])
    else
      redis.call('SET', KEYS[key + 2], string.format('%d', tat), 'PX', math.ceil((tat - now) / 1000) + 1000)
    end
  end
end
return {1}
