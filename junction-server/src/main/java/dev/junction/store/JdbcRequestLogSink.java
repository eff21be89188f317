package dev.junction.store;

import dev.junction.observe.LoggedRequest;
import dev.junction.observe.RequestLogSink;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import javax.sql.DataSource;

/**
 * Writes request-log batches to the {@code request_logs} table: one JDBC batch in one transaction per call, so a
 * batch is stored whole or not at all. Error messages are cut to {@value RequestLogRows#MAX_ERROR_MESSAGE}
 * characters; bodies are stored as given (the capture already bounded them). Called only from the write-behind
 * writer's thread; it blocks.
 *
 * <p>Entries are not de-duplicated: a batch replayed from the spool after a crash may store a request twice (the
 * request id tells them apart from real repeats).
 */
public final class JdbcRequestLogSink implements RequestLogSink {

    private static final String INSERT = "INSERT INTO request_logs (" + RequestLogRows.COLUMNS + ") VALUES ("
            + "?, ".repeat(RequestLogRows.COLUMN_COUNT - 1) + "?)";

    private final DataSource dataSource;

    /** A sink into this database. */
    public JdbcRequestLogSink(Database database) {
        this.dataSource = database.dataSource();
    }

    @Override
    public void write(List<LoggedRequest> batch) throws SQLException {
        if (batch.isEmpty()) {
            return;
        }
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
                for (LoggedRequest request : batch) {
                    RequestLogRows.bind(insert, request);
                    insert.addBatch();
                }
                insert.executeBatch();
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
    }
}
