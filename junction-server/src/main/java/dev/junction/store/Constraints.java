package dev.junction.store;

import java.sql.SQLException;
import java.util.Optional;
import java.util.function.Function;

/** Recognises the integrity-constraint errors of the three databases and turns them into {@link StoreConflict}s. */
final class Constraints {

    /** The kinds of constraint the schema uses. */
    enum Violation {
        /** A unique or primary key already taken. */
        UNIQUE,
        /** A reference to a row that does not exist, or a delete of a row still referenced. */
        FOREIGN_KEY
    }

    // MySQL/MariaDB error codes: duplicate entry; cannot delete or update a parent row; cannot add a child row.
    private static final int MYSQL_DUPLICATE = 1062;
    private static final int MYSQL_PARENT_ROW = 1451;
    private static final int MYSQL_CHILD_ROW = 1452;

    private Constraints() {}

    /** The constraint a failure broke, if it was an integrity-constraint violation. */
    static Optional<Violation> violation(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException e) {
                Optional<Violation> found = classify(e);
                if (found.isPresent()) {
                    return found;
                }
            }
        }
        return Optional.empty();
    }

    /** The failure as a {@link StoreConflict} with the caller's words when it broke a constraint, else as it is. */
    static RuntimeException translate(RuntimeException failure, Function<Violation, String> message) {
        if (failure instanceof StoreConflict) {
            return failure;
        }
        return violation(failure).<RuntimeException>map(v -> new StoreConflict(message.apply(v), failure))
                .orElse(failure);
    }

    private static Optional<Violation> classify(SQLException e) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        String message = e.getMessage() == null ? "" : e.getMessage();
        int code = e.getErrorCode();
        // PostgreSQL names the kind in the SQLSTATE; MariaDB says 23000 for all and tells them apart by error code;
        // sqlite-jdbc sets no SQLSTATE, so its message is all there is.
        if (state.equals("23505") || state.startsWith("23") && code == MYSQL_DUPLICATE
                || message.contains("UNIQUE constraint failed") || message.contains("PRIMARY KEY constraint failed")) {
            return Optional.of(Violation.UNIQUE);
        }
        if (state.equals("23503") || state.startsWith("23") && (code == MYSQL_PARENT_ROW || code == MYSQL_CHILD_ROW)
                || message.contains("FOREIGN KEY constraint failed")) {
            return Optional.of(Violation.FOREIGN_KEY);
        }
        return Optional.empty();
    }
}
