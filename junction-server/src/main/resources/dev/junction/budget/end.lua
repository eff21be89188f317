-- Ends reservation ARGV[1] in every window it was held in: frees the hold and, when ARGV[2] is '1', adds ARGV[3]
-- nano-dollars to the spending. A hold already ended changes nothing (settle and release are idempotent); a dropped
-- one (expired before it was settled) still spends, once. Keys are as in reserve.lua.
-- KEYS: per hold: tally hash, holds, dropped.
-- ARGV: reservation id, spend ('1' to settle, '0' to release), actual cost.
local id = ARGV[1]
local spend = ARGV[2] == '1'
for k = 1, #KEYS, 3 do
  local ended = false
  if redis.call('ZREM', KEYS[k + 1], id) == 1 then
    local held = tonumber(redis.call('HGET', KEYS[k], 'h:' .. id) or '0')
    redis.call('HINCRBY', KEYS[k], 'reserved', string.format('%d', -held))
    redis.call('HDEL', KEYS[k], 'h:' .. id)
    ended = true
  elseif redis.call('ZREM', KEYS[k + 2], id) == 1 then
    ended = true
  end
  if ended and spend then
    redis.call('HINCRBY', KEYS[k], 'spent', ARGV[3])
  end
end
return {}
