-- Takes one request, ARGV[1] tokens and a concurrency slot under lease ARGV[2] from every subject, or nothing at all.
-- Requests and tokens are GCRA buckets: the key holds the "theoretical arrival time" (TAT, microseconds of Redis time)
-- at which the bucket is full again; a bucket of capacity L refills one unit every 60 s / L. Concurrency is a sorted
-- set of lease ids scored by their expiry. An allowed acquire marks its lease as held (the last key) for the lease's
-- time-to-live: release.lua gives back only what a held lease took, once.
-- KEYS: per subject: requests bucket, tokens bucket, leases; then the lease's held mark.
-- ARGV: tokens, lease id, lease time-to-live (us), then per subject: RPM, TPM, max concurrent (0 = no limit).
-- Reply: {1, per subject: requests remaining, requests full in (us), tokens remaining, tokens full in (us)}, or
--        {0, subject index (1-based), kind (1 requests, 2 tokens, 3 concurrency), retry after (us), too large (0/1)}.
local PERIOD = 60000000
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000000 + tonumber(time[2])
local tokens = tonumber(ARGV[1])
local lease = ARGV[2]
local lease_ttl = tonumber(ARGV[3])
local subjects = (#ARGV - 3) / 3

local function cost(amount, limit)
  return math.floor(amount * PERIOD / limit)
end

local function tat(key)
  local stored = redis.call('GET', key)
  if stored then
    return math.max(tonumber(stored), now)
  end
  return now
end

local function remaining(next, limit)
  return math.floor((now + PERIOD - next) * limit / PERIOD)
end

-- Check every subject first; remember the denial with the longest wait, since all must pass.
local takes = {}
local denial = nil
local function deny(i, kind, wait, too_large)
  if denial == nil or wait > denial[4] then
    denial = {0, i, kind, wait, too_large}
  end
end
for i = 1, subjects do
  local key = (i - 1) * 3
  local rpm = tonumber(ARGV[3 + key + 1])
  local tpm = tonumber(ARGV[3 + key + 2])
  local max_concurrent = tonumber(ARGV[3 + key + 3])
  local take = {}
  if rpm > 0 then
    take.requests = tat(KEYS[key + 1]) + cost(1, rpm)
    if take.requests - now > PERIOD then
      deny(i, 1, take.requests - now - PERIOD, 0)
    end
  end
  if tpm > 0 then
    if tokens > tpm then
      deny(i, 2, PERIOD, 1)
    else
      take.tokens = tat(KEYS[key + 2]) + cost(tokens, tpm)
      if take.tokens - now > PERIOD then
        deny(i, 2, take.tokens - now - PERIOD, 0)
      end
    end
  end
  if max_concurrent > 0 then
    -- Dropping expired leases changes nothing a caller could observe, so it may happen even on a denial.
    redis.call('ZREMRANGEBYSCORE', KEYS[key + 3], '-inf', string.format('%d', now))
    if not redis.call('ZSCORE', KEYS[key + 3], lease)
        and redis.call('ZCARD', KEYS[key + 3]) >= max_concurrent then
      deny(i, 3, 1000000, 0)
    end
  end
  takes[i] = take
end
if denial then
  return denial
end

local reply = {1}
for i = 1, subjects do
  local key = (i - 1) * 3
  local take = takes[i]
  local status = {0, 0, 0, 0}
  if take.requests then
    redis.call('SET', KEYS[key + 1], string.format('%d', take.requests),
      'PX', math.ceil((take.requests - now) / 1000) + 1000)
    status[1] = remaining(take.requests, tonumber(ARGV[3 + key + 1]))
    status[2] = take.requests - now
  end
  if take.tokens then
    redis.call('SET', KEYS[key + 2], string.format('%d', take.tokens),
      'PX', math.ceil((take.tokens - now) / 1000) + 1000)
    status[3] = remaining(take.tokens, tonumber(ARGV[3 + key + 2]))
    status[4] = take.tokens - now
  end
  if tonumber(ARGV[3 + key + 3]) > 0 then
    redis.call('ZADD', KEYS[key + 3], string.format('%d', now + lease_ttl), lease)
    redis.call('PEXPIRE', KEYS[key + 3], math.ceil(lease_ttl / 1000) + 1000)
  end
  for _, value in ipairs(status) do
    table.insert(reply, value)
  end
end
redis.call('SET', KEYS[#KEYS], '1', 'PX', math.ceil(lease_ttl / 1000))
return reply
