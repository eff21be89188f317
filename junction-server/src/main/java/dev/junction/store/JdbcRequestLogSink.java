package dev.junction.store;

import dev.junction.observe.LoggedRequest;
import dev.junction.observe.RequestLogSink;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;

/**
 * Writes request-log batches to the {@code request_logs} table and adds them to the usage rollups
 * ({@code usage_rollups}, see {@link RollupUpserts}): one transaction per call, so a batch is stored whole, log and
 * rollups together, or not at all, and the rollups always equal the sums over the log. Error messages are cut to {@value RequestLogRows#MAX_ERROR_MESSAGE}
 * characters; bodies are stored as given (the capture already bounded them). Called only from the write-behind
 * writer's thread; it blocks.
 *
 * <p><b>Exactly once.</b> The writer delivers from its journal and may deliver a batch again after a crash (stored,
 * but killed before it could say so). An entry is known by its request id and start time (unique in
 * {@code request_logs} since migration V25): the entries of a batch that are already stored, or repeated inside it,
 * are skipped, in the same transaction, before anything is inserted, so neither the log nor the rollups count them
 * twice. (Two requests that share a client-chosen {@code X-Request-Id} and start in the same millisecond are one
 * entry.)
 */
public final class JdbcRequestLogSink implements RequestLogSink {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(JdbcRequestLogSink.class);

    private static final String INSERT = "INSERT INTO request_logs (" + RequestLogRows.COLUMNS + ") VALUES ("
            + "?, ".repeat(RequestLogRows.COLUMN_COUNT - 1) + "?)";

    private final DataSource dataSource;
    private final RollupUpserts rollups;

    /** A sink into this database. */
    public JdbcRequestLogSink(Database database) {
        this.dataSource = database.dataSource();
        this.rollups = new RollupUpserts(database.dialect());
    }

    @Override
    public void write(List<LoggedRequest> batch) throws SQLException {
        if (batch.isEmpty()) {
            return;
        }
        try (Connection connection = dataSource.getConnection()) {
            try {
                insert(connection, batch);
            } catch (SQLException e) {
                if (!isBadData(e)) {
                    throw e;
                }
                // One bad row must not look like a database outage (the writer would spool for ever): store the
                // rows one by one and drop only those the database refuses as data.
                insertOneByOne(connection, batch);
            }
        }
    }

    private void insert(Connection connection, List<LoggedRequest> batch) throws SQLException {
        connection.setAutoCommit(false);
        try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
            List<LoggedRequest> rows = unstored(connection, batch);
            if (rows.isEmpty()) {
                connection.commit();
                return;
            }
            for (LoggedRequest request : rows) {
                RequestLogRows.bind(insert, request);
                insert.addBatch();
            }
            insert.executeBatch();
            rollups.add(connection, rows);
            connection.commit();
        } catch (SQLException | RuntimeException e) {
            try {
                connection.rollback();
            } catch (SQLException rollbackFailure) {
                e.addSuppressed(rollbackFailure);
            }
            throw e;
        } finally {
            connection.setAutoCommit(true);
        }
    }

    /** The entries of the batch not stored yet, each once, in their order. */
    private static List<LoggedRequest> unstored(Connection connection, List<LoggedRequest> batch)
            throws SQLException {
        Map<String, LoggedRequest> byKey = new LinkedHashMap<>();
        for (LoggedRequest r : batch) {
            byKey.putIfAbsent(key(r.requestId(), r.startedAt().toEpochMilli()), r);
        }
        Set<String> ids = new HashSet<>();
        batch.forEach(r -> ids.add(r.requestId()));
        String sql = "SELECT request_id, started_at FROM request_logs WHERE request_id IN ("
                + "?, ".repeat(ids.size() - 1) + "?)";
        try (PreparedStatement select = connection.prepareStatement(sql)) {
            int i = 0;
            for (String id : ids) {
                select.setString(++i, id);
            }
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    byKey.remove(key(rs.getString(1), rs.getLong(2)));
                }
            }
        }
        return byKey.size() == batch.size() ? batch : new ArrayList<>(byKey.values());
    }

    private static String key(String requestId, long startedAtMillis) {
        return startedAtMillis + ":" + requestId;
    }

    private void insertOneByOne(Connection connection, List<LoggedRequest> batch) throws SQLException {
        for (LoggedRequest request : batch) {
            try {
                insert(connection, List.of(request));
            } catch (SQLException e) {
                if (!isBadData(e)) {
                    throw e;
                }
                LOG.warn("The database refused the request-log entry of request {} and it was dropped: {}",
                        request.requestId(), e.getMessage());
            }
        }
    }

    /**
     * Whether the database refused the data itself (SQLSTATE class 22, data exception, or 23, integrity constraint)
     * rather than failing to store it.
     */
    private static boolean isBadData(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("22") || sql.getSQLState().startsWith("23"))) {
                return true;
            }
            if (t instanceof java.sql.BatchUpdateException b && b.getNextException() != null && b.getNextException() != t) {
                if (isBadData(b.getNextException())) {
                    return true;
                }
            }
        }
        return false;
    }
}
