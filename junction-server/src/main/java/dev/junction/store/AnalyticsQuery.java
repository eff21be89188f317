package dev.junction.store;

import dev.junction.analytics.Dimension;
import dev.junction.analytics.Granularity;
import dev.junction.analytics.RollupFigures;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.jdbi.v3.core.statement.Query;

/**
 * Reads the usage rollups: the rows of one granularity whose bucket starts in {@code [from, to)}, filtered by
 * dimension values, added up per bucket (or over the whole range) and per group. Errors are always split by class
 * too. Blocking and thread safe: run it on a database thread ({@link Database#call}).
 */
public final class AnalyticsQuery {

    /**
     * What to read.
     *
     * @param from the first bucket start included
     * @param to the end (exclusive) of the bucket starts included
     * @param granularity which rows
     * @param perBucket whether to split by bucket; when false the whole range adds up to one point per group
     * @param groupBy the dimensions to split by, in the order given
     * @param filters the values dimensions must have (empty string: absent)
     */
    public record Request(Instant from, Instant to, Granularity granularity, boolean perBucket,
                          List<Dimension> groupBy, Map<Dimension, String> filters) {

        /** Copies the lists. */
        public Request {
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(to, "to");
            Objects.requireNonNull(granularity, "granularity");
            groupBy = List.copyOf(groupBy);
            filters = Map.copyOf(filters);
        }
    }

    /**
     * One bucket of one group.
     *
     * @param bucketStart the bucket's start, empty when the request added the whole range up
     * @param group the group's value of each grouped dimension, in the request's order (empty string: absent)
     * @param figures the figures added up
     * @param errorsByClass the errors per class, the most frequent first
     */
    public record Point(Optional<Instant> bucketStart, Map<Dimension, String> group, RollupFigures figures,
                       Map<String, Long> errorsByClass) {
    }

    /** Thrown when an answer would hold more than its cap of points. */
    public static final class TooManyPoints extends RuntimeException {
        TooManyPoints(int max) {
            super("the answer would hold more than " + max + " points", null, false, false);
        }
    }

    /** The most points one read answers. */
    public static final int MAX_POINTS = 50_000;

    private final Database database;
    private final int maxPoints;

    /** Rollups of this database. */
    public AnalyticsQuery(Database database) {
        this(database, MAX_POINTS);
    }

    AnalyticsQuery(Database database, int maxPoints) {
        this.database = database;
        this.maxPoints = maxPoints;
    }

    /**
     * The points, by bucket start then group.
     *
     * @throws TooManyPoints when there would be more than {@link #MAX_POINTS}
     */
    public List<Point> read(Request request) {
        List<String> groupColumns = new ArrayList<>();
        if (request.perBucket()) {
            groupColumns.add("bucket_start");
        }
        request.groupBy().forEach(d -> groupColumns.add(d.column()));
        groupColumns.add(Dimension.ERROR_CLASS.column());
        List<String> distinct = groupColumns.stream().distinct().toList();
        String sums = RollupFigures.COLUMNS.stream().map(c -> "SUM(" + c + ") AS " + c)
                .collect(Collectors.joining(", "));
        StringBuilder where = new StringBuilder("granularity = :granularity AND bucket_start >= :from "
                + "AND bucket_start < :to");
        request.filters().keySet().stream().sorted()
                .forEach(d -> where.append(" AND ").append(d.column()).append(" = :f_").append(d.column()));
        String sql = "SELECT " + String.join(", ", distinct) + ", " + sums + " FROM usage_rollups WHERE " + where
                + " GROUP BY " + String.join(", ", distinct);
        Map<List<Object>, Accumulated> points = new TreeMap<>(AnalyticsQuery::compareKeys);
        database.jdbi().useHandle(handle -> {
            Query query = handle.createQuery(sql).bind("granularity", request.granularity().code())
                    .bind("from", request.from().toEpochMilli()).bind("to", request.to().toEpochMilli());
            request.filters().forEach((d, value) -> query.bind("f_" + d.column(), value));
            query.map((rs, ctx) -> {
                accumulate(points, request, rs);
                if (points.size() > maxPoints) {
                    throw new TooManyPoints(maxPoints);
                }
                return 0;
            }).forEach(ignored -> { });
        });
        return points.values().stream().map(a -> a.point(request)).toList();
    }

    private static void accumulate(Map<List<Object>, Accumulated> points, Request request, ResultSet rs)
            throws SQLException {
        List<Object> key = new ArrayList<>();
        Optional<Instant> bucket = Optional.empty();
        if (request.perBucket()) {
            bucket = Optional.of(Instant.ofEpochMilli(rs.getLong("bucket_start")));
            key.add(rs.getLong("bucket_start"));
        }
        Map<Dimension, String> group = new LinkedHashMap<>();
        for (Dimension d : request.groupBy()) {
            String value = rs.getString(d.column());
            group.put(d, value == null ? "" : value);
            key.add(group.get(d));
        }
        Optional<Instant> start = bucket;
        Accumulated point = points.computeIfAbsent(key, k -> new Accumulated(start, group));
        RollupFigures figures = new RollupFigures();
        for (int i = 0; i < RollupFigures.COLUMNS.size(); i++) {
            figures.addColumn(i, rs.getLong(RollupFigures.COLUMNS.get(i)));
        }
        point.figures.merge(figures);
        String errorClass = rs.getString(Dimension.ERROR_CLASS.column());
        if (errorClass != null && !errorClass.isEmpty() && figures.errors() > 0) {
            point.errorsByClass.merge(errorClass, figures.errors(), Long::sum);
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static int compareKeys(List<Object> a, List<Object> b) {
        for (int i = 0; i < a.size(); i++) {
            int c = ((Comparable) a.get(i)).compareTo(b.get(i));
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    /** A point being added up. */
    private static final class Accumulated {
        private final Optional<Instant> bucketStart;
        private final Map<Dimension, String> group;
        private final RollupFigures figures = new RollupFigures();
        private final Map<String, Long> errorsByClass = new TreeMap<>();

        Accumulated(Optional<Instant> bucketStart, Map<Dimension, String> group) {
            this.bucketStart = bucketStart;
            this.group = group;
        }

        Point point(Request request) {
            Map<String, Long> byClass = new LinkedHashMap<>();
            errorsByClass.entrySet().stream()
                    .sorted(Map.Entry.<String, Long>comparingByValue().reversed()
                            .thenComparing(Map.Entry.comparingByKey()))
                    .forEach(e -> byClass.put(e.getKey(), e.getValue()));
            return new Point(bucketStart, request.groupBy().isEmpty() ? Map.of() : group, figures, byClass);
        }
    }
}
