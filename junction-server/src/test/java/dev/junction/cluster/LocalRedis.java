package dev.junction.cluster;

import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.RedisClient;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.util.UUID;

/**
 * The machine's Redis for tests, with key prefixes unique to one test so that test runs can share it, and the means to
 * look at and clean up what a test wrote. Blocking: for test threads only.
 */
public final class LocalRedis implements AutoCloseable {

    /** Where the local Redis listens. */
    public static final String URL = "redis://127.0.0.1:6379";
    /** A port nothing listens on, for tests of an unreachable Redis. */
    public static final String UNREACHABLE_URL = "redis://127.0.0.1:6390";

    private final RedisClient client = RedisClient.create(URL);
    private final StatefulRedisConnection<String, String> connection = client.connect();

    /**
     * A key prefix no other test uses, such as <code>{test:limit:3f2a…}:</code>, with a hash tag as the limiter and
     * the ledger give theirs (so that keys the tests look at are named as the limiter names them).
     */
    public static String uniquePrefix(String feature) {
        return "{test:" + feature + ":" + UUID.randomUUID() + "}:";
    }

    /** Synchronous commands, to look at keys. */
    public RedisCommands<String, String> commands() {
        return connection.sync();
    }

    /** Deletes every key starting with {@code prefix}. */
    public void deleteAll(String prefix) {
        RedisCommands<String, String> redis = connection.sync();
        ScanArgs match = ScanArgs.Builder.matches(prefix + "*").limit(500);
        ScanCursor cursor = ScanCursor.INITIAL;
        do {
            KeyScanCursor<String> page = redis.scan(cursor, match);
            if (!page.getKeys().isEmpty()) {
                redis.unlink(page.getKeys().toArray(String[]::new));
            }
            cursor = page;
        } while (!cursor.isFinished());
    }

    @Override
    public void close() {
        connection.close();
        client.shutdown();
    }
}
