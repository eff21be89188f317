package dev.junction.store;

/** Whether opening the store applies its pending migrations ({@code database.migrate}). */
public enum MigrationMode {
    /** Opening applies pending migrations (the default). */
    AUTO,
    /**
     * Opening applies none and refuses to start while any is pending; {@code junction migrate} applies them, so an
     * operator chooses when the schema changes (one job before a rolling upgrade).
     */
    OFF
}
