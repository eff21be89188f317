package dev.junction.cache;

import dev.junction.cluster.LuaScript;
import dev.junction.cluster.RedisEndpoint;
import dev.junction.cluster.RedisScripts;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * Entries in the Redis every replica shares, through the gateway's Lettuce plumbing ({@link RedisScripts}): one key
 * per entry, {@code <prefix><scope>|<hash>}, its value the gzip-compressed entry (base64, as the connection speaks
 * strings), with a Redis TTL of the entry's own. The prefix carries a hash tag, so on a Redis Cluster all entries sit
 * in one slot and a scope can be dropped by one script. Thread safe.
 */
public final class RedisCacheStore implements CacheStore {

    private static final Duration TIMEOUT = Duration.ofMillis(500);
    private static final LuaScript GET = LuaScript.of("cache-get", """
            local v = redis.call('GET', KEYS[1])
            if not v then return {} end
            return {v}""");
    private static final LuaScript PUT = LuaScript.of("cache-put", """
            redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
            return {1}""");
    /**
     * Drops (ARGV[2] = 1) or measures the keys matching ARGV[1]: {count, bytes}. Entries are strings; the semantic
     * cache's stream shares the prefix (and slot) and is left alone.
     */
    private static final LuaScript SCAN = LuaScript.of("cache-scan", """
            local cursor, count, bytes = '0', 0, 0
            repeat
              local page = redis.call('SCAN', cursor, 'MATCH', ARGV[1], 'COUNT', 500, 'TYPE', 'string')
              cursor = page[1]
              for _, k in ipairs(page[2]) do
                count = count + 1
                if ARGV[2] == '1' then redis.call('DEL', k) else bytes = bytes + redis.call('STRLEN', k) end
              end
            until cursor == '0'
            return {count, bytes}""");

    private final RedisScripts redis;
    private final String prefix;
    private final Clock clock;

    /** @param prefix the key prefix, such as {@code junction:cache:} (tests use their own) */
    public RedisCacheStore(String url, String prefix, Clock clock) {
        this.redis = RedisScripts.connect(url);
        this.prefix = RedisEndpoint.slotPrefix(prefix);
        this.clock = clock;
    }

    private String key(CacheKey key) {
        return prefix + key.scope().id() + "|" + key.hash();
    }

    @Override
    public CompletionStage<Optional<CachedAnswer>> get(CacheKey key) {
        return redis.run(GET, List.of(key(key)), List.of(), TIMEOUT).thenApply(reply -> reply.isEmpty()
                ? Optional.<CachedAnswer>empty()
                : Optional.of(AnswerCodec.decode(AnswerCodec.decompress(Base64.getDecoder()
                        .decode((String) reply.getFirst())))));
    }

    @Override
    public CompletionStage<Void> put(CacheKey key, CachedAnswer answer) {
        long ttl = Duration.between(clock.instant(), answer.expiresAt()).toMillis();
        Optional<byte[]> bytes = AnswerCodec.encode(answer);
        if (ttl <= 0 || bytes.isEmpty()) {
            return java.util.concurrent.CompletableFuture.completedFuture(null);
        }
        String value = Base64.getEncoder().encodeToString(AnswerCodec.compress(bytes.get()));
        return redis.run(PUT, List.of(key(key)), List.of(value, Long.toString(ttl)), TIMEOUT).thenApply(r -> null);
    }

    @Override
    public CompletionStage<Long> evict(CacheScope scope) {
        String own = glob(prefix + scope.id()) + "|*";
        String inner = glob(prefix + scope.id() + "/") + "*";
        return scan(own, true).thenCombine(scan(inner, true), (a, b) -> a.entries() + b.entries());
    }

    @Override
    public CompletionStage<Long> evictKey(String keyId) {
        String inTenant = glob(prefix) + "*/key:" + glob(keyId) + "|*";
        String alone = glob(prefix + "key:" + keyId) + "|*";
        return scan(inTenant, true).thenCombine(scan(alone, true), (a, b) -> a.entries() + b.entries());
    }

    @Override
    public CompletionStage<Size> size() {
        return scan(glob(prefix) + "*", false);
    }

    private CompletionStage<Size> scan(String pattern, boolean delete) {
        return redis.run(SCAN, List.of(prefix), List.of(pattern, delete ? "1" : "0"), Duration.ofSeconds(10))
                .thenApply(r -> new Size((Long) r.get(0), (Long) r.get(1)));
    }

    /** {@code text} with Redis's glob characters escaped. */
    private static String glob(String text) {
        return text.replaceAll("([*?\\[\\]\\\\])", "\\\\$1");
    }

    @Override
    public void close() {
        redis.close();
    }
}
