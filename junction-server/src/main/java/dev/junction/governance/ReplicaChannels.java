package dev.junction.governance;

import dev.junction.cluster.RedisReplicaChannel;
import dev.junction.replica.ReplicaChannel;
import dev.junction.replica.ReplicaSync;
import dev.junction.store.DatabaseSettings;
import dev.junction.store.PostgresReplicaChannel;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Which channels carry governance changes between the replicas of a store, and how long they wait for each other:
 * Redis pub/sub when Redis is configured, and PostgreSQL notifications when the store is PostgreSQL (both at once
 * when both are there, so that either one alone still carries every change). Stateless.
 */
public final class ReplicaChannels {

    /** How often a replica says which revision it serves. */
    public static final Duration HEARTBEAT = Duration.ofSeconds(1);
    /** How long a replica not heard from still counts as live (three missed heartbeats). */
    public static final Duration LIVE_FOR = HEARTBEAT.multipliedBy(3);
    /** How long an admin change waits for the confirmations of the live replicas. */
    public static final Duration CONFIRM_WITHIN = Duration.ofSeconds(1);

    private static final SecureRandom RANDOM = new SecureRandom();

    private ReplicaChannels() {}

    /**
     * The openers of the channels a store's replicas share.
     *
     * @param storeId the store's identity, which scopes the Redis channel
     */
    public static List<ReplicaChannel.Opener> openers(Optional<String> redisUrl, DatabaseSettings database,
                                                      String storeId) {
        List<ReplicaChannel.Opener> openers = new ArrayList<>();
        redisUrl.ifPresent(url -> openers.add(listener -> RedisReplicaChannel.open(url, storeId, listener)));
        openers.add(listener -> PostgresReplicaChannel.open(database, listener));
        return List.copyOf(openers);
    }

    /** The settings of a replica: a new id (the host's name and a random suffix) and the bounds above. */
    static ReplicaSync.Settings settings() {
        byte[] suffix = new byte[3];
        RANDOM.nextBytes(suffix);
        String host = Optional.ofNullable(System.getenv("HOSTNAME")).filter(h -> !h.isBlank()).orElse("junction");
        return new ReplicaSync.Settings(host + "-" + HexFormat.of().formatHex(suffix), HEARTBEAT, LIVE_FOR,
                CONFIRM_WITHIN);
    }
}
