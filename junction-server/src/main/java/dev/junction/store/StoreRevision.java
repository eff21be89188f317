package dev.junction.store;

import org.jdbi.v3.core.Handle;

/**
 * A counter that every change to the configuration entities (tenants, teams, users, keys, budgets, price overrides,
 * providers, routes) increments in the same transaction: the number replicas announce and confirm to each other, and
 * the one row they poll to notice a change no announcement carried.
 * Thread safe; {@link #current()} blocks.
 */
public final class StoreRevision {

    private final Database database;

    /** The revision of this database. */
    public StoreRevision(Database database) {
        this.database = database;
    }

    /** The revision now; 0 for a database nobody has changed. */
    public long current() {
        return database.jdbi().withHandle(StoreRevision::read);
    }

    static long read(Handle handle) {
        return handle.createQuery("SELECT revision FROM store_revision WHERE id = 1").mapTo(Long.class).one();
    }

    /**
     * Takes the store lock for the rest of the transaction: other configuration writes and audit appends wait for it
     * to end, so writers never deadlock on each other's rows. SQLite needs no lock: the store's one connection
     * already serialises its transactions.
     */
    public static void lock(Handle handle, SqlDialect dialect) {
        if (dialect != SqlDialect.SQLITE) {
            handle.createQuery("SELECT revision FROM store_revision WHERE id = 1 FOR UPDATE").mapTo(Long.class).one();
        }
    }

    static void increment(Handle handle) {
        handle.createUpdate("UPDATE store_revision SET revision = revision + 1 WHERE id = 1").execute();
    }
}
