-- Holds ARGV[1] nano-dollars under reservation ARGV[2] on every account, or on none when one has not enough headroom.
-- Per account window: a hash (spent, reserved, and h:<reservation> = amount held), a sorted set of live holds scored
-- by their expiry, and a sorted set of dropped holds (expired unsettled) scored by when to forget them; a settle of a
-- dropped hold still spends. Times are Redis TIME in milliseconds, so replicas with skewed clocks agree.
-- KEYS: per account: tally hash, holds, dropped.
-- ARGV: amount, reservation id, hold time-to-live (ms), retention of dropped holds (ms),
--       then per account: limit, key expiry (unix ms, 0 = never).
-- Reply: {1} when held, or {0, index of the account with the least headroom (1-based), its spent, its reserved}.
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
local amount = tonumber(ARGV[1])
local id = ARGV[2]
local ttl = tonumber(ARGV[3])
local retention = tonumber(ARGV[4])
local accounts = (#ARGV - 4) / 2

local function int(n)
  return string.format('%d', n)
end

-- The same purge as in state.lua: expired holds stop counting and are remembered as dropped.
local function purge(tally, holds, dropped)
  local expired = redis.call('ZRANGEBYSCORE', holds, '-inf', int(now))
  for _, hold in ipairs(expired) do
    local held = tonumber(redis.call('HGET', tally, 'h:' .. hold) or '0')
    redis.call('HINCRBY', tally, 'reserved', int(-held))
    redis.call('HDEL', tally, 'h:' .. hold)
    redis.call('ZADD', dropped, int(now + retention), hold)
  end
  if #expired > 0 then
    redis.call('ZREMRANGEBYSCORE', holds, '-inf', int(now))
  end
  redis.call('ZREMRANGEBYSCORE', dropped, '-inf', int(now))
end

local function expire(first, at)
  if at > 0 then
    for k = first, first + 2 do
      redis.call('PEXPIREAT', KEYS[k], int(at))
    end
  end
end

local tightest, least, tightest_spent, tightest_reserved = 0, nil, 0, 0
for i = 1, accounts do
  local k = (i - 1) * 3
  purge(KEYS[k + 1], KEYS[k + 2], KEYS[k + 3])
  expire(k + 1, tonumber(ARGV[4 + (i - 1) * 2 + 2]))
  local state = redis.call('HMGET', KEYS[k + 1], 'spent', 'reserved')
  local spent = tonumber(state[1] or '0')
  local reserved = tonumber(state[2] or '0')
  local headroom = tonumber(ARGV[4 + (i - 1) * 2 + 1]) - spent - reserved
  if least == nil or headroom < least then
    tightest, least, tightest_spent, tightest_reserved = i, headroom, spent, reserved
  end
end
if least ~= nil and least < amount then
  return {0, tightest, tightest_spent, tightest_reserved}
end

for i = 1, accounts do
  local k = (i - 1) * 3
  redis.call('HINCRBY', KEYS[k + 1], 'reserved', ARGV[1])
  redis.call('HSET', KEYS[k + 1], 'h:' .. id, ARGV[1])
  redis.call('ZADD', KEYS[k + 2], int(now + ttl), id)
  expire(k + 1, tonumber(ARGV[4 + (i - 1) * 2 + 2]))
end
return {1}
