package dev.junction.store;

import dev.junction.entity.Attribution;
import dev.junction.entity.Team;
import dev.junction.entity.Tenant;
import dev.junction.entity.User;
import dev.junction.entity.VirtualKey;
import dev.junction.limit.RateLimits;
import dev.junction.model.Usage;
import dev.junction.observe.LoggedRequest;
import dev.junction.pricing.Costs;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.atomic.AtomicLong;

/** Small builders the store tests share: unique names, plain specs, and a store over a shared database. */
final class Fixtures {

    private static final AtomicLong COUNTER = new AtomicLong();
    private static final SecureRandom RANDOM = new SecureRandom();

    private Fixtures() {}

    /** A name no other test uses, in this run or a concurrent one. */
    static String unique(String base) {
        return base + "-" + Ids.newId("t").substring(2, 12) + "-" + COUNTER.incrementAndGet();
    }

    static GovernanceStore store(SqlDialect dialect) {
        return new GovernanceStore(SharedDatabases.get(dialect), Clock.systemUTC());
    }

    static Tenant.Spec tenant(String name) {
        return new Tenant.Spec(name, 0, RateLimits.NONE, List.of(), Map.of());
    }

    static Team.Spec team(String name) {
        return new Team.Spec(name, OptionalDouble.empty(), RateLimits.NONE, List.of(), Map.of(), true);
    }

    static User.Spec user(String name) {
        return new User.Spec(Optional.empty(), name, Optional.empty(), RateLimits.NONE, List.of(), Map.of(), true);
    }

    static VirtualKey.Spec key(String name) {
        return new VirtualKey.Spec(name, List.of(), List.of(), List.of(), Map.of(), RateLimits.NONE,
                Optional.empty(), true, false);
    }

    /** A user in a new tenant of its own. */
    static User newUser(GovernanceStore store) {
        Tenant tenant = store.tenants().create(tenant(unique("tenant")));
        return store.users().create(tenant.id(), user(unique("user")));
    }

    /** A random hex string shaped like a SHA-256 key hash. */
    static String keyHash() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    /** A successful request billed to a caller. */
    static LoggedRequest request(Instant startedAt, Attribution caller, String model, long chargedNanos) {
        return new LoggedRequest(Ids.newId("req"), startedAt, caller, "/v1/chat/completions", model, "openai",
                "openai-1", model + "-upstream", false, false, 200, 120, 40, new Usage(100, 20, 10, 0, 5),
                new Costs(chargedNanos / 2, chargedNanos - 1, chargedNanos), "openai-1:200:ok", Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty());
    }
}
