package dev.junction.store;

import dev.junction.analytics.Granularity;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Deletes request-log entries and usage rollups older than their retention, in batches of at most
 * {@link Policy#batchSize} rows per statement (each its own short transaction, so neither the table nor the
 * replicas' writers wait long). One replica at a time: on PostgreSQL it holds a session advisory lock
 * ({@code pg_try_advisory_lock}), on MySQL/MariaDB a named lock ({@code GET_LOCK}, named after the database), and
 * a replica that cannot take it skips the run; SQLite has a single process. Blocking: run it on a database thread.
 *
 * <p>A request-log entry goes once it started before {@code now - retention}; a rollup row once its whole bucket
 * ended at or before {@code now - retention}. On PostgreSQL the request log is partitioned by month
 * ({@link RequestLogPartitions}): months wholly past retention are dropped at once, and only the partitions the
 * cut-off falls in are deleted from in batches.
 *
 * <p>A tenant with a retention of its own ({@code tenants.retention_days}) has its entries deleted after that many
 * days as well, in the same batches (by the {@code (tenant_id, started_at)} index; on PostgreSQL partition by
 * partition); a tenant's retention longer than the gateway's changes nothing. Rollups keep the gateway's retention:
 * they hold no bodies and no single request.
 */
public final class RetentionJob {

    /** PostgreSQL advisory-lock key of the job (any constant unique among Junction's locks). */
    static final long ADVISORY_KEY = 0x4A554E4354494F4EL; // "JUNCTION"

    /** How many months of request-log partitions PostgreSQL keeps ready after the current one. */
    static final int MONTHS_AHEAD = 3;

    /**
     * What to keep.
     *
     * @param requestLogs how long request-log entries are kept, empty for ever
     * @param rollups how long each granularity's rollups are kept, empty (or missing) for ever
     * @param batchSize the most rows one statement deletes
     */
    public record Policy(Optional<Duration> requestLogs, Map<Granularity, Optional<Duration>> rollups,
                         int batchSize) {

        /** Copies the map. */
        public Policy {
            Objects.requireNonNull(requestLogs, "requestLogs");
            rollups = Map.copyOf(rollups);
            if (batchSize < 1) {
                throw new IllegalArgumentException("batchSize must be positive");
            }
        }
    }

    /**
     * What one run did.
     *
     * @param ran false when another replica held the lock
     * @param requestLogs entries deleted
     * @param rollups rollup rows deleted, per granularity
     */
    public record Result(boolean ran, long requestLogs, Map<Granularity, Long> rollups) {
    }

    private final Database database;
    private final Policy policy;
    private final Clock clock;

    /** The job over this database. */
    public RetentionJob(Database database, Policy policy, Clock clock) {
        this.database = database;
        this.policy = policy;
        this.clock = clock;
    }

    /** One run: takes the lock, deletes batch by batch, releases the lock. */
    public Result run() throws SQLException {
        long now = clock.millis();
        try (Connection connection = database.dataSource().getConnection()) {
            if (!lock(connection)) {
                return new Result(false, 0, Map.of());
            }
            try {
                long logs = requestLogs(connection, now);
                Map<Granularity, Long> rollups = new EnumMap<>(Granularity.class);
                for (Granularity g : Granularity.values()) {
                    Optional<Duration> keep = policy.rollups().getOrDefault(g, Optional.empty());
                    if (keep.isPresent()) {
                        long lastStart = now - keep.get().toMillis() - g.millis();
                        rollups.put(g, deleteAll(connection, "usage_rollups", "granularity = ? AND bucket_start <= ?",
                                g.code(), lastStart));
                    }
                }
                return new Result(true, logs, rollups);
            } finally {
                unlock(connection);
            }
        }
    }

    /**
     * The request log's part: on PostgreSQL's monthly partitions, keeps months ready ahead, drops the months wholly
     * past retention and deletes in batches only from the partitions the cut-off falls in (and the default one);
     * elsewhere, deletes in batches from the one table.
     */
    private long requestLogs(Connection connection, long now) throws SQLException {
        boolean partitioned = database.dialect() == SqlDialect.POSTGRESQL
                && RequestLogPartitions.partitioned(connection);
        if (partitioned) {
            RequestLogPartitions.ensureAhead(connection, Instant.ofEpochMilli(now), MONTHS_AHEAD);
        }
        long deleted = 0;
        if (policy.requestLogs().isPresent()) {
            deleted += everyTenant(connection, now - policy.requestLogs().get().toMillis(), partitioned);
        }
        for (Map.Entry<String, Integer> tenant : tenantRetentions(connection).entrySet()) {
            long cut = now - Duration.ofDays(tenant.getValue()).toMillis();
            List<String> tables = partitioned ? RequestLogPartitions.list(connection).stream()
                    .filter(p -> p.isDefault() || p.from().map(from -> from < cut).orElse(true))
                    .map(RequestLogPartitions.Partition::name).toList() : List.of("request_logs");
            for (String table : tables) {
                deleted += deleteAll(connection, table, "tenant_id = ? AND started_at < ?", tenant.getKey(), cut);
            }
        }
        return deleted;
    }

    /** Every entry that started before the cut-off. */
    private long everyTenant(Connection connection, long cut, boolean partitioned) throws SQLException {
        if (!partitioned) {
            return deleteAll(connection, "request_logs", "started_at < ?", cut);
        }
        long deleted = 0;
        for (RequestLogPartitions.Partition p : RequestLogPartitions.list(connection)) {
            if (!p.isDefault() && p.to().isPresent() && p.to().get() <= cut) {
                deleted += RequestLogPartitions.drop(connection, p);
            } else if (p.isDefault() || p.from().map(from -> from < cut).orElse(true)) {
                deleted += deleteAll(connection, p.name(), "started_at < ?", cut);
            }
        }
        return deleted;
    }

    /** The tenants that keep their request log for a number of days of their own. */
    private static Map<String, Integer> tenantRetentions(Connection connection) throws SQLException {
        Map<String, Integer> days = new LinkedHashMap<>();
        try (PreparedStatement ps = connection.prepareStatement(
                "SELECT id, retention_days FROM tenants WHERE retention_days IS NOT NULL");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                if (rs.getInt(2) > 0) {
                    days.put(rs.getString(1), rs.getInt(2));
                }
            }
        }
        return days;
    }

    /** Deletes the rows matching the condition (with these parameters) a batch at a time, until one is short. */
    private long deleteAll(Connection connection, String table, String condition, Object... params)
            throws SQLException {
        String sql = switch (database.dialect()) {
            case MYSQL -> "DELETE FROM " + table + " WHERE " + condition + " LIMIT ?";
            case POSTGRESQL -> "DELETE FROM " + table + " WHERE ctid = ANY(ARRAY(SELECT ctid FROM " + table
                    + " WHERE " + condition + " LIMIT ?))";
            case SQLITE -> "DELETE FROM " + table + " WHERE rowid IN (SELECT rowid FROM " + table + " WHERE "
                    + condition + " LIMIT ?)";
        };
        long total = 0;
        try (PreparedStatement delete = connection.prepareStatement(sql)) {
            int deleted;
            do {
                int i = 0;
                for (Object param : params) {
                    delete.setObject(++i, param);
                }
                delete.setInt(++i, policy.batchSize());
                deleted = delete.executeUpdate();
                total += deleted;
            } while (deleted == policy.batchSize());
        }
        return total;
    }

    private boolean lock(Connection connection) throws SQLException {
        return switch (database.dialect()) {
            case SQLITE -> true;
            case POSTGRESQL -> queryBoolean(connection, "SELECT pg_try_advisory_lock(" + ADVISORY_KEY + ")");
            case MYSQL -> queryBoolean(connection, "SELECT GET_LOCK(CONCAT('junction_retention:', DATABASE()), 0)");
        };
    }

    private void unlock(Connection connection) throws SQLException {
        switch (database.dialect()) {
            case SQLITE -> { }
            case POSTGRESQL -> queryBoolean(connection, "SELECT pg_advisory_unlock(" + ADVISORY_KEY + ")");
            case MYSQL -> queryBoolean(connection, "SELECT RELEASE_LOCK(CONCAT('junction_retention:', DATABASE()))");
        }
    }

    private static boolean queryBoolean(Connection connection, String sql) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            return rs.next() && rs.getBoolean(1);
        }
    }
}
