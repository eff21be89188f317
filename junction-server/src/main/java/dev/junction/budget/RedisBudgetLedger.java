package dev.junction.budget;

import dev.junction.cluster.LuaScript;
import dev.junction.cluster.RedisEndpoint;
import dev.junction.cluster.RedisScripts;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The budget ledger shared by all replicas, in Redis: exact across replicas, because each operation is one Lua script
 * that checks and holds for all accounts atomically, in integer nano-dollars ({@code HINCRBY}). Windows are computed
 * from this ledger's clock (the replicas' clocks agree to far less than a window); hold leases run on the Redis
 * server's time, and expired holds are purged inside the scripts.
 *
 * <p>Per account window there are three keys: {@code <keyPrefix>budget:<account id>:<window start, epoch seconds>}
 * (a hash: spent, reserved, and the amount of each hold), and the same with {@code :holds} (live holds by expiry) and
 * {@code :dropped} (holds that expired unsettled, kept two days so that a late settle still spends once). They expire
 * two days after the window ends; those of {@link BudgetPeriod#TOTAL} never do. The key prefix carries a hash tag
 * ({@code {junction:budget}:}; {@link RedisEndpoint#slotPrefix} adds one to a prefix without), so all keys are in one
 * slot: on a Redis Cluster, one script may hold any accounts together, on the node that holds that slot.
 *
 * <p><b>Fails closed.</b> When Redis does not answer within the timeout (default 500 ms), {@link #reserve} fails with
 * {@link BudgetUnavailable} (the gateway answers 503): a budget must never be overspent. A reservation that timed out
 * may still reach Redis later, so the ledger follows it with a release of the same reservation id, which Redis runs
 * after it. Failed settles and releases are logged and fail their stage too; their holds expire with the lease.
 */
public final class RedisBudgetLedger implements BudgetLedger {

    /** How long a call waits for Redis before failing with {@link BudgetUnavailable}. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMillis(500);

    /** How long an ended window's keys, and the record of a dropped hold, are kept. */
    private static final Duration RETENTION = Duration.ofDays(2);

    private static final Logger LOG = LoggerFactory.getLogger(RedisBudgetLedger.class);
    private static final LuaScript RESERVE = LuaScript.fromResource(RedisBudgetLedger.class, "reserve.lua");
    private static final LuaScript END = LuaScript.fromResource(RedisBudgetLedger.class, "end.lua");
    private static final LuaScript STATE = LuaScript.fromResource(RedisBudgetLedger.class, "state.lua");
    private static final LuaScript SEED = LuaScript.fromResource(RedisBudgetLedger.class, "seed.lua");

    private final RedisScripts redis;
    private final boolean ownsRedis;
    private final Clock clock;
    private final Options options;

    /**
     * How the ledger uses Redis.
     *
     * @param keyPrefix prepended to every key, such as {@code junction:budget:} (a hash tag is added when it has none)
     * @param reservationTtl how long a reservation holds its amount unless settled or released
     * @param timeout how long a call waits for Redis
     */
    public record Options(String keyPrefix, Duration reservationTtl, Duration timeout) {

        /** Checks the components. */
        public Options {
            Objects.requireNonNull(keyPrefix, "keyPrefix");
            if (!reservationTtl.isPositive() || !timeout.isPositive()) {
                throw new IllegalArgumentException("the reservation time-to-live and the timeout must be positive");
            }
        }
    }

    /**
     * A ledger on its own connection to the Redis at {@code redisUrl}, with the default timeout. Does not block: the
     * connection opens in the background (until it does, reservations fail with {@link BudgetUnavailable}).
     */
    public RedisBudgetLedger(String redisUrl, String keyPrefix, Clock clock, Duration reservationTtl) {
        this(RedisScripts.connect(redisUrl), true, clock, new Options(keyPrefix, reservationTtl, DEFAULT_TIMEOUT));
    }

    /** A ledger on a connection shared with others; {@link #close} leaves it open. */
    public RedisBudgetLedger(RedisScripts redis, Clock clock, Options options) {
        this(redis, false, clock, options);
    }

    private RedisBudgetLedger(RedisScripts redis, boolean ownsRedis, Clock clock, Options options) {
        this.redis = redis;
        this.ownsRedis = ownsRedis;
        this.clock = clock;
        this.options = new Options(RedisEndpoint.slotPrefix(options.keyPrefix()), options.reservationTtl(),
                options.timeout());
    }

    @Override
    public CompletionStage<Reservation> reserve(List<BudgetAccount> accounts, long amountNanos, String reservationId) {
        if (amountNanos < 0) {
            throw new IllegalArgumentException("a reservation cannot be negative: " + amountNanos);
        }
        List<BudgetAccount> distinct = BudgetAccount.distinct(accounts);
        if (distinct.isEmpty()) {
            return CompletableFuture.completedFuture(new Reservation.Granted(reservationId, amountNanos, List.of()));
        }
        Instant now = clock.instant();
        List<BudgetWindow> windows = distinct.stream().map(a -> a.window(now)).toList();
        List<String> keys = new ArrayList<>();
        List<String> args = new ArrayList<>(List.of(Long.toString(amountNanos), reservationId,
                Long.toString(options.reservationTtl().toMillis()), Long.toString(RETENTION.toMillis())));
        List<Reservation.Held> holds = new ArrayList<>();
        for (int i = 0; i < distinct.size(); i++) {
            keys.addAll(keys(distinct.get(i).id(), windows.get(i).start()));
            args.add(Long.toString(distinct.get(i).limitNanos()));
            args.add(Long.toString(expiresAt(windows.get(i))));
            holds.add(new Reservation.Held(distinct.get(i), windows.get(i).start()));
        }
        return redis.run(RESERVE, keys, args, options.timeout()).handle((reply, error) -> {
            if (error != null) {
                // The script may still run later; a release sent after it on the same connection undoes it then.
                redis.run(END, keys, List.of(reservationId, "0", "0"), options.timeout());
                throw new BudgetUnavailable("the budget ledger (Redis) did not answer: " + error, error);
            }
            if (number(reply, 0) == 1) {
                return new Reservation.Granted(reservationId, amountNanos, holds);
            }
            int i = (int) number(reply, 1) - 1;
            BudgetState tightest = new BudgetState(distinct.get(i), windows.get(i), number(reply, 2),
                    number(reply, 3));
            return Denials.deny(tightest, amountNanos);
        });
    }

    @Override
    public CompletionStage<Void> settle(Reservation.Granted reservation, long actualNanos) {
        return end(reservation, List.of(reservation.reservationId(), "1", Long.toString(actualNanos)));
    }

    @Override
    public CompletionStage<Void> release(Reservation.Granted reservation) {
        return end(reservation, List.of(reservation.reservationId(), "0", "0"));
    }

    @Override
    public CompletionStage<Void> settleJournaled(Settlement settlement) {
        List<String> keys = new ArrayList<>();
        settlement.spots().forEach(s -> keys.addAll(keys(s.accountId(), s.window().start())));
        long actual = settlement.actualNanos();
        return end(settlement.reservationId(), keys,
                List.of(settlement.reservationId(), actual > 0 ? "1" : "0", Long.toString(actual)));
    }

    private CompletionStage<Void> end(Reservation.Granted reservation, List<String> args) {
        List<String> keys = new ArrayList<>();
        reservation.holds().forEach(h -> keys.addAll(keys(h.account().id(), h.windowStart())));
        return end(reservation.reservationId(), keys, args);
    }

    private CompletionStage<Void> end(String reservationId, List<String> keys, List<String> args) {
        if (keys.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        return redis.run(END, keys, args, options.timeout()).handle((reply, error) -> {
            if (error != null) {
                LOG.atWarn().addKeyValue("reservation", reservationId)
                        .addKeyValue("settle", args.get(1).equals("1")).addKeyValue("actual_nanos", args.get(2))
                        .addKeyValue("error", error.toString())
                        .log("Could not end a budget reservation in Redis; its hold expires with its lease");
                throw new BudgetUnavailable("the budget ledger (Redis) did not answer: " + error, error);
            }
            return null;
        });
    }

    @Override
    public CompletionStage<List<BudgetState>> state(List<BudgetAccount> accounts) {
        if (accounts.isEmpty()) {
            return CompletableFuture.completedFuture(List.of());
        }
        Instant now = clock.instant();
        List<BudgetWindow> windows = accounts.stream().map(a -> a.window(now)).toList();
        List<String> keys = new ArrayList<>();
        List<String> args = new ArrayList<>(List.of(Long.toString(RETENTION.toMillis())));
        for (int i = 0; i < accounts.size(); i++) {
            keys.addAll(keys(accounts.get(i).id(), windows.get(i).start()));
            args.add(Long.toString(expiresAt(windows.get(i))));
        }
        return redis.run(STATE, keys, args, options.timeout()).handle((reply, error) -> {
            if (error != null) {
                throw new BudgetUnavailable("the budget ledger (Redis) did not answer: " + error, error);
            }
            List<BudgetState> states = new ArrayList<>(accounts.size());
            for (int i = 0; i < accounts.size(); i++) {
                states.add(new BudgetState(accounts.get(i), windows.get(i), number(reply, 2 * i),
                        number(reply, 2 * i + 1)));
            }
            return states;
        });
    }

    @Override
    public CompletionStage<Void> seed(BudgetAccount account, long spentNanos) {
        BudgetWindow window = account.window(clock.instant());
        List<String> keys = keys(account.id(), window.start()).subList(0, 1);
        List<String> args = List.of(Long.toString(spentNanos), Long.toString(expiresAt(window)));
        return redis.run(SEED, keys, args, options.timeout()).handle((reply, error) -> {
            if (error != null) {
                throw new BudgetUnavailable("the budget ledger (Redis) did not answer: " + error, error);
            }
            return null;
        });
    }

    private List<String> keys(String accountId, Instant windowStart) {
        String tally = options.keyPrefix() + "budget:" + accountId + ":" + windowStart.getEpochSecond();
        return List.of(tally, tally + ":holds", tally + ":dropped");
    }

    /** When the window's keys may go (unix milliseconds), or 0 for never. */
    private static long expiresAt(BudgetWindow window) {
        return window.end().map(end -> end.plus(RETENTION).toEpochMilli()).orElse(0L);
    }

    private static long number(List<Object> reply, int index) {
        return ((Number) reply.get(index)).longValue();
    }

    /** Closes the Redis connection if this ledger opened it. */
    @Override
    public void close() {
        if (ownsRedis) {
            redis.close();
        }
    }
}
