-- Reconciles an account window with the database: its spending becomes the larger of the two.
-- KEYS: the window's tally hash. ARGV: spent (nano-dollars), key expiry (unix ms, 0 = never).
local current = tonumber(redis.call('HGET', KEYS[1], 'spent') or '0')
if tonumber(ARGV[1]) > current then
  redis.call('HSET', KEYS[1], 'spent', ARGV[1])
end
if tonumber(ARGV[2]) > 0 then
  redis.call('PEXPIREAT', KEYS[1], ARGV[2])
end
return {}
