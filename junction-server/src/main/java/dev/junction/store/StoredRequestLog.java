package dev.junction.store;

import dev.junction.observe.LoggedRequest;
import java.util.Objects;

/**
 * A request-log entry as read back from the database. Immutable.
 *
 * @param id its row id: increasing in insertion order, the tie-breaker of the newest-first order
 * @param request the entry as it was logged (bodies and error message as stored, possibly shortened)
 */
public record StoredRequestLog(long id, LoggedRequest request) {

    /** Checks that nothing is missing. */
    public StoredRequestLog {
        Objects.requireNonNull(request, "request");
    }
}
