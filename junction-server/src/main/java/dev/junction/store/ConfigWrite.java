package dev.junction.store;

import java.util.function.Function;
import java.util.function.Predicate;
import org.jdbi.v3.core.Handle;

/**
 * How every configuration entity is written: in one transaction that first takes the store lock (so writers never
 * deadlock on each other's rows), then does the work, then increments the revision when the work changed something;
 * constraint errors come out as {@link StoreConflict}s with the repository's words.
 */
final class ConfigWrite {

    private ConfigWrite() {}

    /**
     * Runs {@code work} as described above. Joins the caller's transaction when the caller already holds a handle on
     * this thread (JDBI shares it), so a caller can add an audit entry to the same transaction. A conflict inside
     * such a transaction leaves it failed on PostgreSQL: the caller must let it roll back.
     *
     * @param changed whether the work's result means a row changed
     * @param conflict the message for a broken unique or foreign-key constraint
     */
    static <T> T run(Database database, Function<Handle, T> work, Predicate<? super T> changed,
                     Function<Constraints.Violation, String> conflict) {
        try {
            return database.jdbi().inTransaction(handle -> {
                StoreRevision.lock(handle, database.dialect());
                T result = work.apply(handle);
                if (changed.test(result)) {
                    StoreRevision.increment(handle);
                }
                return result;
            });
        } catch (RuntimeException e) {
            throw Constraints.translate(e, conflict);
        }
    }

    /** Whether a row with this id exists in a table. */
    static boolean exists(Handle handle, String table, String id) {
        return handle.createQuery("SELECT COUNT(*) FROM " + table + " WHERE id = :id").bind("id", id)
                .mapTo(Long.class).one() > 0;
    }

    /** How many rows of a table have this value in a column. */
    static long count(Handle handle, String table, String column, String value) {
        return handle.createQuery("SELECT COUNT(*) FROM " + table + " WHERE " + column + " = :value")
                .bind("value", value).mapTo(Long.class).one();
    }
}
