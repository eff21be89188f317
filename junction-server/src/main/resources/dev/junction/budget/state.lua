-- Reads what every account has spent and holds in its window, after dropping expired holds. Keys are as in reserve.lua.
-- KEYS: per account: tally hash, holds, dropped.
-- ARGV: retention of dropped holds (ms), then per account: key expiry (unix ms, 0 = never).
-- Reply: per account: spent, reserved.
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
local retention = tonumber(ARGV[1])

local function int(n)
  return string.format('%d', n)
end

-- The same purge as in reserve.lua.
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

local reply = {}
for k = 1, #KEYS, 3 do
  purge(KEYS[k], KEYS[k + 1], KEYS[k + 2])
  local at = tonumber(ARGV[1 + (k + 2) / 3])
  if at > 0 then
    redis.call('PEXPIREAT', KEYS[k + 2], int(at))
  end
  local state = redis.call('HMGET', KEYS[k], 'spent', 'reserved')
  table.insert(reply, tonumber(state[1] or '0'))
  table.insert(reply, tonumber(state[2] or '0'))
end
return reply
