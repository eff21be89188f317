package dev.junction.store;

import java.io.Serial;

/**
 * A write the store refused because it would break the data's rules: a duplicate name, a parent that does not exist,
 * or a delete that would leave children behind. The message says which, in words an admin can act on (an HTTP 409).
 */
public final class StoreConflict extends RuntimeException {

    @Serial
    private static final long serialVersionUID = 1L;

    /** A conflict the store found itself. */
    public StoreConflict(String message) {
        super(message);
    }

    /** A conflict the database reported. */
    public StoreConflict(String message, Throwable cause) {
        super(message, cause);
    }
}
