package dev.junction.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The request log's monthly partitions on PostgreSQL (migration V17): {@code request_logs_pYYYYMM} covers a UTC
 * month of {@code started_at}, {@code request_logs_p_legacy} everything before the partitioning, and
 * {@code request_logs_p_default} any row no month covers. The retention job keeps months ready ahead and drops the
 * months that are wholly past retention. Blocking: run it on a database thread, under the retention lock.
 */
final class RequestLogPartitions {

    private static final Logger LOG = LoggerFactory.getLogger(RequestLogPartitions.class);
    private static final Pattern BOUNDS = Pattern.compile(
            "FOR VALUES FROM \\((MINVALUE|'?(-?\\d+)'?)\\) TO \\((MAXVALUE|'?(-?\\d+)'?)\\)");
    private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("yyyyMM");

    /**
     * One partition.
     *
     * @param name its table
     * @param from the first {@code started_at} it holds; empty for the default partition and from MINVALUE
     * @param to the first {@code started_at} it no longer holds; empty for the default partition and to MAXVALUE
     * @param isDefault whether it is the default partition
     */
    record Partition(String name, Optional<Long> from, Optional<Long> to, boolean isDefault) {}

    private RequestLogPartitions() {}

    /** Whether the request log is partitioned here (PostgreSQL after V17). */
    static boolean partitioned(Connection connection) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("SELECT 1 FROM pg_partitioned_table p "
                + "JOIN pg_class c ON c.oid = p.partrelid WHERE c.relname = 'request_logs' "
                + "AND pg_table_is_visible(c.oid)"); ResultSet rs = ps.executeQuery()) {
            return rs.next();
        }
    }

    /** The partitions, with their bounds. */
    static List<Partition> list(Connection connection) throws SQLException {
        List<Partition> out = new ArrayList<>();
        try (PreparedStatement ps = connection.prepareStatement("SELECT c.relname, pg_get_expr(c.relpartbound, c.oid) "
                + "FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid "
                + "WHERE i.inhparent = 'request_logs'::regclass ORDER BY c.relname");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(parse(rs.getString(1), rs.getString(2)));
            }
        }
        return out;
    }

    static Partition parse(String name, String bound) {
        if (bound.equals("DEFAULT")) {
            return new Partition(name, Optional.empty(), Optional.empty(), true);
        }
        Matcher m = BOUNDS.matcher(bound);
        if (!m.find()) {
            throw new IllegalStateException("unexpected bounds of partition " + name + ": " + bound);
        }
        return new Partition(name, Optional.ofNullable(m.group(2)).map(Long::parseLong),
                Optional.ofNullable(m.group(4)).map(Long::parseLong), false);
    }

    /**
     * Creates the partitions of this month and the {@code months} after it that do not exist yet. A month that
     * overlaps an existing partition (the legacy one) is left to it; one the default partition already holds rows
     * of is left there, with a warning (those rows still age out by batched deletes).
     */
    static void ensureAhead(Connection connection, Instant now, int months) throws SQLException {
        List<Partition> existing = list(connection);
        YearMonth first = YearMonth.from(now.atZone(ZoneOffset.UTC));
        for (int i = 0; i <= months; i++) {
            YearMonth month = first.plusMonths(i);
            long from = month.atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
            long to = month.plusMonths(1).atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
            if (existing.stream().anyMatch(p -> !p.isDefault() && overlaps(p, from, to))) {
                continue;
            }
            String name = "request_logs_p" + month.format(MONTH);
            try (PreparedStatement ps = connection.prepareStatement("CREATE TABLE " + name
                    + " PARTITION OF request_logs FOR VALUES FROM (" + from + ") TO (" + to + ")")) {
                ps.execute();
                LOG.atInfo().addKeyValue("partition", name).log("Created the request log's partition of a month");
            } catch (SQLException e) {
                LOG.atWarn().addKeyValue("partition", name).log("The request log's partition of a month could not "
                        + "be created (the default partition may hold rows of that month): " + e.getMessage());
            }
        }
    }

    private static boolean overlaps(Partition p, long from, long to) {
        return p.from().map(f -> f < to).orElse(true) && p.to().map(t -> t > from).orElse(true);
    }

    /** Counts the rows of a partition and drops it. */
    static long drop(Connection connection, Partition partition) throws SQLException {
        long rows;
        try (PreparedStatement count = connection.prepareStatement("SELECT count(*) FROM " + partition.name());
             ResultSet rs = count.executeQuery()) {
            rs.next();
            rows = rs.getLong(1);
        }
        try (PreparedStatement drop = connection.prepareStatement("DROP TABLE " + partition.name())) {
            drop.execute();
        }
        LOG.atInfo().addKeyValue("partition", partition.name()).addKeyValue("rows", rows)
                .log("Dropped a request-log partition past its retention");
        return rows;
    }
}
