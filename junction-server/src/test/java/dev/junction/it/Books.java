package dev.junction.it;

import dev.junction.store.Database;
import dev.junction.store.RequestLogQuery;
import dev.junction.store.StoredRequestLog;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The request log of a test gateway's store, read as an auditor would: the rows of one key, awaited because the log
 * is written behind. Test helper.
 */
final class Books {

    private final Database database;

    Books(Gateway gateway) {
        this.database = gateway.server().governance().database();
    }

    /** The key's rows now. */
    List<StoredRequestLog> rows(String keyId) {
        return database.call(() -> new RequestLogQuery(database).find(RequestLogQuery.Filter.newest(
                RequestLogQuery.MAX_LIMIT).withKeyId(Optional.of(keyId)))
                .items()).join();
    }

    /** Waits up to fifteen seconds for the key to have {@code count} rows; its rows then. */
    List<StoredRequestLog> await(String keyId, int count) {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        List<StoredRequestLog> rows = rows(keyId);
        while (rows.size() < count && System.nanoTime() < deadline) {
            pause(Duration.ofMillis(50));
            rows = rows(keyId);
        }
        if (rows.size() < count) {
            throw new AssertionError("the request log has " + rows.size() + " rows for " + keyId + ", expected "
                    + count);
        }
        return rows;
    }

    /** The sum of the rows' charged costs, in nano-dollars. */
    static long charged(List<StoredRequestLog> rows) {
        return rows.stream().mapToLong(r -> r.request().costs().chargedNanos()).sum();
    }

    static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
