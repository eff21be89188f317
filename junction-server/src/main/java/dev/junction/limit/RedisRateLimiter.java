package dev.junction.limit;

import dev.junction.cluster.LuaScript;
import dev.junction.cluster.RedisEndpoint;
import dev.junction.cluster.RedisScripts;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The rate limiter shared by all replicas, in Redis: exact across replicas, because one Lua script checks and takes
 * for all subjects in one round trip, atomically. Time is the Redis server's ({@code TIME} inside the scripts), so
 * replicas with skewed clocks agree. Bucket keys expire once their bucket is full again and lease sets after the lease
 * time-to-live, so idle subjects cost nothing. Keys are {@code <keyPrefix>limit:<subject id>:requests},
 * {@code …:tokens} and {@code …:leases}, and per allowed request, until its release or its lease's expiry,
 * {@code <keyPrefix>held:<lease id>}, which makes {@link #release} idempotent across replicas. The key prefix carries
 * a hash tag ({@code {junction:rl}:}; {@link RedisEndpoint#slotPrefix} adds one to a prefix without), so all keys are
 * in one slot: on a Redis Cluster, one script may check any subjects together, on the node that holds that slot.
 *
 * <p><b>Fails open.</b> When Redis does not answer within the timeout (default 200 ms), {@link #acquire} allows the
 * request without statuses and logs a warning (at most once a minute): limits protect upstreams from overload, and a
 * Redis outage must not take the whole gateway down with it. {@link #release} then logs and gives up (leases expire on
 * their own); {@link #peek} fails its stage.
 */
public final class RedisRateLimiter implements RateLimiter {

    /** How long an acquire waits for Redis before it fails open. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMillis(200);

    private static final Logger LOG = LoggerFactory.getLogger(RedisRateLimiter.class);
    private static final LuaScript ACQUIRE = LuaScript.fromResource(RedisRateLimiter.class, "acquire.lua");
    private static final LuaScript RELEASE = LuaScript.fromResource(RedisRateLimiter.class, "release.lua");
    private static final LuaScript PEEK = LuaScript.fromResource(RedisRateLimiter.class, "peek.lua");
    private static final long WARNING_INTERVAL_NANOS = TimeUnit.MINUTES.toNanos(1);

    private final RedisScripts redis;
    private final boolean ownsRedis;
    private final String keyPrefix;
    private final long leaseTtlMicros;
    private final Duration timeout;
    private final AtomicLong nextWarning = new AtomicLong(System.nanoTime());
    private final AtomicLong failuresSinceWarning = new AtomicLong();

    /**
     * A limiter on its own connection to the Redis at {@code redisUrl}, with the default timeout. Does not block: the
     * connection opens in the background (until it does, requests are allowed).
     */
    public RedisRateLimiter(String redisUrl, String keyPrefix, Duration leaseTtl) {
        this(RedisScripts.connect(redisUrl), true, keyPrefix, leaseTtl, DEFAULT_TIMEOUT);
    }

    /**
     * A limiter on a connection shared with others; {@link #close} leaves it open.
     *
     * @param timeout how long a call waits for Redis
     */
    public RedisRateLimiter(RedisScripts redis, String keyPrefix, Duration leaseTtl, Duration timeout) {
        this(redis, false, keyPrefix, leaseTtl, timeout);
    }

    private RedisRateLimiter(RedisScripts redis, boolean ownsRedis, String keyPrefix, Duration leaseTtl,
                             Duration timeout) {
        if (!leaseTtl.isPositive() || !timeout.isPositive()) {
            throw new IllegalArgumentException("the lease time-to-live and the timeout must be positive");
        }
        this.redis = redis;
        this.ownsRedis = ownsRedis;
        this.keyPrefix = RedisEndpoint.slotPrefix(keyPrefix);
        this.leaseTtlMicros = TimeUnit.NANOSECONDS.toMicros(leaseTtl.toNanos());
        this.timeout = timeout;
    }

    @Override
    public CompletionStage<LimitDecision> acquire(List<LimitSubject> subjects, long tokens, String leaseId) {
        if (tokens < 0) {
            throw new IllegalArgumentException("a token estimate cannot be negative: " + tokens);
        }
        List<LimitSubject> limited = LimitSubject.distinctLimited(subjects);
        if (limited.isEmpty()) {
            return CompletableFuture.completedFuture(LimitDecision.Allowed.UNLIMITED);
        }
        List<String> args = new ArrayList<>(List.of(Long.toString(tokens), leaseId, Long.toString(leaseTtlMicros)));
        args.addAll(limitArgs(limited));
        return redis.run(ACQUIRE, keys(limited, leaseId), args, timeout)
                .handle((reply, error) -> error == null ? decision(limited, tokens, reply) : failOpen(error));
    }

    private static LimitDecision decision(List<LimitSubject> limited, long tokens, List<Object> reply) {
        if (number(reply, 0) == 0) {
            LimitSubject subject = limited.get((int) number(reply, 1) - 1);
            LimitKind kind = LimitKind.values()[(int) number(reply, 2) - 1]; // acquire.lua numbers them in this order
            RateLimits limits = subject.limits();
            long limit = switch (kind) {
                case REQUESTS -> limits.requestsPerMinute().orElseThrow();
                case TOKENS -> limits.tokensPerMinute().orElseThrow();
                case CONCURRENCY -> limits.maxConcurrent().orElseThrow();
            };
            return new Refusal(subject.id(), kind, limit, number(reply, 3), number(reply, 4) == 1).toDecision(tokens);
        }
        List<LimitStatus> statuses = new ArrayList<>();
        for (int i = 0; i < limited.size(); i++) {
            RateLimits limits = limited.get(i).limits();
            int at = 1 + 4 * i;
            limits.requestsPerMinute().ifPresent(rpm -> statuses.add(Statuses.bucket(LimitKind.REQUESTS, rpm,
                    number(reply, at), number(reply, at + 1))));
            limits.tokensPerMinute().ifPresent(tpm -> statuses.add(Statuses.bucket(LimitKind.TOKENS, tpm,
                    number(reply, at + 2), number(reply, at + 3))));
        }
        return LimitDecision.Allowed.tightest(statuses);
    }

    private LimitDecision failOpen(Throwable error) {
        warn("Redis rate limiter unavailable; allowing requests without rate limits", error);
        return LimitDecision.Allowed.UNLIMITED;
    }

    /** Logs a warning at most once a minute, so that an outage does not flood the log; counts the rest. */
    private void warn(String message, Throwable error) {
        long now = System.nanoTime();
        long due = nextWarning.get();
        if (now - due >= 0 && nextWarning.compareAndSet(due, now + WARNING_INTERVAL_NANOS)) {
            Throwable cause = error instanceof CompletionException && error.getCause() != null
                    ? error.getCause() : error;
            LOG.atWarn().addKeyValue("error", cause.toString())
                    .addKeyValue("failures_since_last_warning", failuresSinceWarning.getAndSet(0)).log(message);
        } else {
            failuresSinceWarning.incrementAndGet();
        }
    }

    @Override
    public CompletionStage<Void> release(List<LimitSubject> subjects, String leaseId, long estimatedTokens,
                                         long actualTokens) {
        List<LimitSubject> limited = LimitSubject.distinctLimited(subjects);
        if (limited.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        List<String> args = new ArrayList<>(List.of(leaseId, Long.toString(estimatedTokens - actualTokens)));
        args.addAll(limitArgs(limited));
        return redis.run(RELEASE, keys(limited, leaseId), args, timeout).handle((reply, error) -> {
            if (error != null) {
                warn("Could not release rate-limit leases in Redis; they will expire", error);
            }
            return null;
        });
    }

    @Override
    public CompletionStage<Map<String, List<LimitStatus>>> peek(List<LimitSubject> subjects) {
        List<LimitSubject> limited = LimitSubject.distinctLimited(subjects);
        if (limited.isEmpty()) {
            return CompletableFuture.completedFuture(Map.of());
        }
        return redis.run(PEEK, keys(limited), limitArgs(limited), timeout).thenApply(reply -> {
            Map<String, List<LimitStatus>> peeked = new LinkedHashMap<>();
            for (int i = 0; i < limited.size(); i++) {
                peeked.put(limited.get(i).id(), statuses(limited.get(i).limits(), reply, 5 * i));
            }
            return peeked;
        });
    }

    private static List<LimitStatus> statuses(RateLimits limits, List<Object> reply, int at) {
        List<LimitStatus> statuses = new ArrayList<>(3);
        limits.requestsPerMinute().ifPresent(rpm -> statuses.add(Statuses.bucket(LimitKind.REQUESTS, rpm,
                number(reply, at), number(reply, at + 1))));
        limits.tokensPerMinute().ifPresent(tpm -> statuses.add(Statuses.bucket(LimitKind.TOKENS, tpm,
                number(reply, at + 2), number(reply, at + 3))));
        limits.maxConcurrent().ifPresent(max -> statuses.add(Statuses.concurrency(max, number(reply, at + 4))));
        return statuses;
    }

    /** The subjects' keys, then the held mark of {@code leaseId}. */
    private List<String> keys(List<LimitSubject> limited, String leaseId) {
        List<String> keys = keys(limited);
        keys.add(keyPrefix + "held:" + leaseId);
        return keys;
    }

    private List<String> keys(List<LimitSubject> limited) {
        List<String> keys = new ArrayList<>(3 * limited.size() + 1);
        for (LimitSubject subject : limited) {
            String base = keyPrefix + "limit:" + subject.id();
            keys.add(base + ":requests");
            keys.add(base + ":tokens");
            keys.add(base + ":leases");
        }
        return keys;
    }

    /** Per subject its RPM, TPM and concurrency limits, 0 where there is none (limits are at least 1). */
    private static List<String> limitArgs(List<LimitSubject> limited) {
        List<String> args = new ArrayList<>(3 * limited.size());
        for (LimitSubject subject : limited) {
            RateLimits limits = subject.limits();
            args.add(Long.toString(limits.requestsPerMinute().orElse(0)));
            args.add(Long.toString(limits.tokensPerMinute().orElse(0)));
            args.add(Integer.toString(limits.maxConcurrent().orElse(0)));
        }
        return args;
    }

    private static long number(List<Object> reply, int index) {
        return ((Number) reply.get(index)).longValue();
    }

    /** Closes the Redis connection if this limiter opened it. */
    @Override
    public void close() {
        if (ownsRedis) {
            redis.close();
        }
    }
}
