package dev.junction.store;

import dev.junction.analytics.Dimension;
import dev.junction.analytics.RollupFigures;
import dev.junction.analytics.RollupKey;
import dev.junction.analytics.Rollups;
import dev.junction.observe.LoggedRequest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.stream.Collectors;

/**
 * Adds a batch's rollups to {@code usage_rollups} with additive upserts ({@code x = x + excluded.x}), inside the
 * caller's transaction: no read-modify-write, so replicas writing the same rows at once both count. Rows go in
 * {@link RollupKey} order, so two replicas' transactions lock shared rows in the same order and cannot deadlock.
 */
final class RollupUpserts {

    private static final List<String> KEY_COLUMNS = List.of("granularity", "bucket_start", "dims_hash");

    private final String sql;

    RollupUpserts(SqlDialect dialect) {
        List<String> columns = new ArrayList<>(KEY_COLUMNS);
        for (Dimension d : Dimension.values()) {
            columns.add(d.column());
        }
        columns.addAll(RollupFigures.COLUMNS);
        String insert = "INSERT INTO usage_rollups (" + String.join(", ", columns) + ") VALUES ("
                + "?, ".repeat(columns.size() - 1) + "?)";
        this.sql = insert + switch (dialect) {
            case MYSQL -> " ON DUPLICATE KEY UPDATE " + RollupFigures.COLUMNS.stream()
                    .map(c -> c + " = " + c + " + VALUES(" + c + ")").collect(Collectors.joining(", "));
            case POSTGRESQL, SQLITE -> " ON CONFLICT (" + String.join(", ", KEY_COLUMNS) + ") DO UPDATE SET "
                    + RollupFigures.COLUMNS.stream().map(c -> c + " = usage_rollups." + c + " + excluded." + c)
                    .collect(Collectors.joining(", "));
        };
    }

    /** Adds the requests' figures; part of the caller's transaction. */
    void add(Connection connection, List<LoggedRequest> requests) throws SQLException {
        SortedMap<RollupKey, RollupFigures> rows = Rollups.of(requests);
        try (PreparedStatement upsert = connection.prepareStatement(sql)) {
            for (Map.Entry<RollupKey, RollupFigures> row : rows.entrySet()) {
                RollupKey key = row.getKey();
                int i = 0;
                upsert.setInt(++i, key.granularity().code());
                upsert.setLong(++i, key.bucketStart());
                upsert.setString(++i, key.dimensionsHash());
                for (String value : key.dimensions()) {
                    upsert.setString(++i, RequestLogRows.text(value));
                }
                for (long value : row.getValue().values()) {
                    upsert.setLong(++i, value);
                }
                upsert.addBatch();
            }
            upsert.executeBatch();
        }
    }
}
