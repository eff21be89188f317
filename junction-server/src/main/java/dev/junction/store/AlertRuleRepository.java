package dev.junction.store;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * Alert rules added through the admin API, as the JSON definitions the application validated. Blocking and thread
 * safe: run it on a database thread ({@link Database#call}). Every write increments the {@link StoreRevision}, so
 * every replica learns of it.
 */
public final class AlertRuleRepository {

    private static final String SELECT = "SELECT name, definition FROM alert_rules";

    private final Database database;
    private final Clock clock;

    /** The rules of this database, timestamped by this clock. */
    public AlertRuleRepository(Database database, Clock clock) {
        this.database = database;
        this.clock = clock;
    }

    /** Every stored rule, by name. */
    public List<StoredAlertRule> list() {
        return database.jdbi().withHandle(handle -> handle.createQuery(SELECT + " ORDER BY name")
                .map((rs, ctx) -> new StoredAlertRule(rs.getString("name"), rs.getString("definition"))).list());
    }

    /** The rule of this name. */
    public Optional<StoredAlertRule> get(String name) {
        return database.jdbi().withHandle(handle -> handle.createQuery(SELECT + " WHERE name = :name")
                .bind("name", name)
                .map((rs, ctx) -> new StoredAlertRule(rs.getString("name"), rs.getString("definition"))).findOne());
    }

    /**
     * Creates the rule, or replaces the one of that name.
     *
     * @return whether it existed before
     */
    public boolean put(StoredAlertRule rule) {
        long now = Columns.now(clock).toEpochMilli();
        return ConfigWrite.run(database, handle -> {
            int updated = handle.createUpdate("UPDATE alert_rules SET definition = :definition, updated_at = :now "
                    + "WHERE name = :name").bind("name", rule.name()).bind("definition", rule.definition())
                    .bind("now", now).execute();
            if (updated == 0) {
                handle.createUpdate("INSERT INTO alert_rules (name, definition, created_at, updated_at) "
                        + "VALUES (:name, :definition, :now, :now)").bind("name", rule.name())
                        .bind("definition", rule.definition()).bind("now", now).execute();
            }
            return updated > 0;
        }, existed -> true, violation -> "an alert rule named '" + rule.name() + "' already exists");
    }

    /**
     * Deletes the rule of that name.
     *
     * @return whether it existed
     */
    public boolean delete(String name) {
        return ConfigWrite.run(database, handle -> handle.createUpdate("DELETE FROM alert_rules WHERE name = :name")
                .bind("name", name).execute() > 0, deleted -> deleted,
                violation -> "alert rule '" + name + "' is referenced");
    }
}
