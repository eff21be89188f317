package dev.junction.store;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * Alert channels added through the admin API, with their address and secret as the opaque ciphertext the
 * application hands over. Blocking and thread safe: run it on a database thread ({@link Database#call}). Every write
 * increments the {@link StoreRevision}, so every replica learns of it.
 */
public final class AlertChannelRepository {

    private static final String SELECT = "SELECT name, type, url_ciphertext, secret_ciphertext FROM alert_channels";

    private final Database database;
    private final Clock clock;

    /** The channels of this database, timestamped by this clock. */
    public AlertChannelRepository(Database database, Clock clock) {
        this.database = database;
        this.clock = clock;
    }

    /** Every stored channel, by name. */
    public List<StoredAlertChannel> list() {
        return database.jdbi().withHandle(handle -> handle.createQuery(SELECT + " ORDER BY name")
                .map((rs, ctx) -> row(rs, ctx)).list());
    }

    /** The channel of this name. */
    public Optional<StoredAlertChannel> get(String name) {
        return database.jdbi().withHandle(handle -> handle.createQuery(SELECT + " WHERE name = :name")
                .bind("name", name).map((rs, ctx) -> row(rs, ctx)).findOne());
    }

    /**
     * Creates the channel, or replaces the one of that name.
     *
     * @return whether it existed before
     */
    public boolean put(StoredAlertChannel channel) {
        long now = Columns.now(clock).toEpochMilli();
        return ConfigWrite.run(database, handle -> {
            int updated = handle.createUpdate("UPDATE alert_channels SET type = :type, url_ciphertext = :url, "
                    + "secret_ciphertext = :secret, updated_at = :now WHERE name = :name")
                    .bind("name", channel.name()).bind("type", channel.type()).bind("url", channel.urlCiphertext())
                    .bind("secret", channel.secretCiphertext().orElse(null)).bind("now", now).execute();
            if (updated == 0) {
                handle.createUpdate("INSERT INTO alert_channels (name, type, url_ciphertext, secret_ciphertext, "
                        + "created_at, updated_at) VALUES (:name, :type, :url, :secret, :now, :now)")
                        .bind("name", channel.name()).bind("type", channel.type())
                        .bind("url", channel.urlCiphertext()).bind("secret", channel.secretCiphertext().orElse(null))
                        .bind("now", now).execute();
            }
            return updated > 0;
        }, existed -> true, violation -> "an alert channel named '" + channel.name() + "' already exists");
    }

    /**
     * Deletes the channel of that name.
     *
     * @return whether it existed
     */
    public boolean delete(String name) {
        return ConfigWrite.run(database, handle -> handle.createUpdate("DELETE FROM alert_channels WHERE name = :name")
                .bind("name", name).execute() > 0, deleted -> deleted,
                violation -> "alert channel '" + name + "' is referenced");
    }

    private static StoredAlertChannel row(java.sql.ResultSet rs, StatementContext ctx) throws java.sql.SQLException {
        return new StoredAlertChannel(rs.getString("name"), rs.getString("type"), rs.getString("url_ciphertext"),
                Columns.optionalString(rs, "secret_ciphertext"));
    }
}
