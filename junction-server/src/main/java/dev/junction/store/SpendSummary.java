package dev.junction.store;

import dev.junction.analytics.Granularity;
import dev.junction.config.AnalyticsSettings;
import dev.junction.entity.BudgetScope;
import dev.junction.observe.RequestSource;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Spend totals, grouped over a time range for reports and per subject since a time for budget reconciliation at
 * start-up, read from the usage rollups where they hold the range (whole days, hours and minutes, kept for their
 * retention) and from the request log for the rest: the sub-minute edges of a range, buckets past their rollups'
 * retention, and anything before the rollups were complete ({@code store_marks.rollups_complete_since}). The two
 * agree, because every entry is counted in its rollups in the transaction that stores it. Blocking and thread safe:
 * run it on a database thread ({@link Database#call}).
 */
public final class SpendSummary {

    /** Budgets may count requests a little ahead of this replica's clock (another replica's may be fast). */
    private static final Duration CLOCK_SKEW = Duration.ofHours(1);
    private static final String MARK = "rollups_complete_since";
    /** Budgets count the data plane's requests only. */
    private static final String API_ONLY = " AND source = 'api'";

    /** What to group spend by. */
    public enum GroupBy {
        /** The virtual key's id. */
        KEY("key_id"),
        /** The user's id. */
        USER("user_id"),
        /** The team's id. */
        TEAM("team_id"),
        /** The tenant's id. */
        TENANT("tenant_id"),
        /** The public model the client asked for. */
        MODEL("public_model");

        private final String column;

        GroupBy(String column) {
            this.column = column;
        }

        /** The name in JSON and queries: {@code key}, {@code user}, {@code team}, {@code tenant} or {@code model}. */
        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** The grouping with this wire name. */
        public static GroupBy ofWireName(String name) {
            for (GroupBy g : values()) {
                if (g.wireName().equals(name)) {
                    return g;
                }
            }
            throw new IllegalArgumentException("unknown grouping '" + name + "'; expected key, user, team, tenant or "
                    + "model");
        }
    }

    /**
     * The totals of one group.
     *
     * @param group the key, user, team or tenant id, or the model; empty for requests without one (say, no team)
     * @param requests how many requests
     * @param inputTokens input tokens
     * @param outputTokens output tokens
     * @param meteredNanos what the providers charge, nano-dollars
     * @param standardNanos the list-price cost, nano-dollars
     * @param chargedNanos what the callers are billed, nano-dollars
     */
    public record Row(String group, long requests, long inputTokens, long outputTokens, long meteredNanos,
                      long standardNanos, long chargedNanos) {

        /** Checks that the group is there. */
        public Row {
            Objects.requireNonNull(group, "group");
        }

        Row plus(Row other) {
            return new Row(group, requests + other.requests, inputTokens + other.inputTokens,
                    outputTokens + other.outputTokens, meteredNanos + other.meteredNanos,
                    standardNanos + other.standardNanos, chargedNanos + other.chargedNanos);
        }
    }

    private final Database database;
    private final AnalyticsSettings retention;
    private final Clock clock;

    /**
     * Spend over this database's rollups and request log.
     *
     * @param retention how long each rollup size is kept, which says which buckets the rollups still hold
     */
    public SpendSummary(Database database, AnalyticsSettings retention, Clock clock) {
        this.database = database;
        this.retention = retention;
        this.clock = clock;
    }

    /**
     * The spend of requests started in {@code [from, to)}, grouped, the largest charged spend first (ties by group).
     */
    public List<Row> summarize(Instant from, Instant to, GroupBy by) {
        return summarize(from, to, by, Optional.of(RequestSource.API));
    }

    /**
     * The spend of requests started in {@code [from, to)} from one source (empty: every source), grouped, the largest
     * charged spend first (ties by group).
     */
    public List<Row> summarize(Instant from, Instant to, GroupBy by, Optional<RequestSource> source) {
        return summarize(from, to, by, source, Optional.empty());
    }

    /**
     * The spend as {@link #summarize(Instant, Instant, GroupBy, Optional)}, of these tenants' requests only when
     * {@code tenants} is given (none: nothing).
     */
    public List<Row> summarize(Instant from, Instant to, GroupBy by, Optional<RequestSource> source,
                               Optional<java.util.Set<String>> tenants) {
        Map<String, Row> rows = new LinkedHashMap<>();
        String only = source.map(s -> " AND source = '" + s.wireName() + "'").orElse("")
                + tenants.map(SpendSummary::tenantsIn).orElse("");
        for (RollupSpans.Span span : spans(from.toEpochMilli(), to.toEpochMilli())) {
            for (Row row : span.fromLog() ? logRows(span, by, only) : rollupRows(span, by, only)) {
                rows.merge(row.group(), row, Row::plus);
            }
        }
        List<Row> sorted = new ArrayList<>(rows.values());
        sorted.sort(Comparator.comparingLong(Row::chargedNanos).reversed().thenComparing(Row::group));
        return sorted;
    }

    /**
     * The charged spend, in nano-dollars, of one key, user, team or tenant on requests started at or after a time.
     * Only data-plane requests count ({@code source = 'api'}): the playground's spend no budget.
     */
    public long spentSince(BudgetScope scope, String scopeId, Instant from) {
        String column = switch (scope) {
            case KEY -> "key_id";
            case USER -> "user_id";
            case TEAM -> "team_id";
            case TENANT -> "tenant_id";
        };
        long to = Granularity.DAY.bucketStart(clock.instant().plus(CLOCK_SKEW).toEpochMilli())
                + Granularity.DAY.millis();
        long spent = 0;
        for (RollupSpans.Span span : spans(from.toEpochMilli(), Math.max(to, from.toEpochMilli()))) {
            String table = span.fromLog() ? "request_logs WHERE started_at >= :from AND started_at < :to"
                    : "usage_rollups WHERE granularity = :granularity AND bucket_start >= :from AND bucket_start < :to";
            String sql = "SELECT COALESCE(SUM(charged_nanos), 0) FROM " + table + " AND " + column + " = :scopeId"
                    + API_ONLY;
            spent += database.jdbi().withHandle(handle -> {
                var query = handle.createQuery(sql).bind("scopeId", scopeId).bind("from", span.from())
                        .bind("to", span.to());
                if (!span.fromLog()) {
                    query.bind("granularity", span.granularity().code());
                }
                return query.mapTo(Long.class).one();
            });
        }
        // A last stretch past "to" (a clock far ahead) is only in the log.
        spent += database.jdbi().withHandle(handle -> handle.createQuery("SELECT COALESCE(SUM(charged_nanos), 0) "
                + "FROM request_logs WHERE started_at >= :to AND " + column + " = :scopeId" + API_ONLY)
                .bind("to", Math.max(to, from.toEpochMilli())).bind("scopeId", scopeId).mapTo(Long.class).one());
        return spent;
    }

    /**
     * The range's pieces, each marked for the rollups or the log: before the rollups were complete, and buckets
     * older than their rollups' retention (with a bucket's margin for a run of the retention job), go to the log.
     */
    private List<RollupSpans.Span> spans(long from, long to) {
        long complete = completeSince();
        List<RollupSpans.Span> spans = new ArrayList<>();
        if (from < complete) {
            spans.add(new RollupSpans.Span(null, from, Math.min(to, complete)));
        }
        long now = clock.instant().toEpochMilli();
        for (RollupSpans.Span span : RollupSpans.cover(Math.max(from, complete), to)) {
            if (!span.fromLog() && span.from() < keptSince(span.granularity(), now)) {
                spans.add(new RollupSpans.Span(null, span.from(), span.to()));
            } else {
                spans.add(span);
            }
        }
        return spans;
    }

    private long keptSince(Granularity granularity, long now) {
        Optional<Duration> kept = switch (granularity) {
            case MINUTE -> retention.minuteRollupRetention();
            case HOUR -> retention.hourRollupRetention();
            case DAY -> retention.dayRollupRetention();
        };
        return kept.map(d -> now - d.toMillis() + granularity.millis()).orElse(Long.MIN_VALUE);
    }

    private long completeSince() {
        return database.jdbi().withHandle(handle -> handle.createQuery(
                "SELECT at_millis FROM store_marks WHERE name = :name").bind("name", MARK).mapTo(Long.class)
                .findOne().orElse(Long.MAX_VALUE));
    }

    private List<Row> logRows(RollupSpans.Span span, GroupBy by, String only) {
        String group = "COALESCE(" + by.column + ", '')";
        String sql = "SELECT " + group + " AS grp, COUNT(*) AS requests, SUM(input_tokens) AS input_tokens, "
                + "SUM(output_tokens) AS output_tokens, SUM(metered_nanos) AS metered, "
                + "SUM(standard_nanos) AS standard, SUM(charged_nanos) AS charged FROM request_logs "
                + "WHERE started_at >= :from AND started_at < :to" + only + " GROUP BY " + group;
        return database.jdbi().withHandle(handle -> handle.createQuery(sql).bind("from", span.from())
                .bind("to", span.to()).map((rs, ctx) -> row(rs)).list());
    }

    private List<Row> rollupRows(RollupSpans.Span span, GroupBy by, String only) {
        String sql = "SELECT " + by.column + " AS grp, SUM(requests) AS requests, SUM(input_tokens) AS input_tokens, "
                + "SUM(output_tokens) AS output_tokens, SUM(metered_nanos) AS metered, "
                + "SUM(standard_nanos) AS standard, SUM(charged_nanos) AS charged FROM usage_rollups "
                + "WHERE granularity = :granularity AND bucket_start >= :from AND bucket_start < :to" + only
                + " GROUP BY " + by.column;
        return database.jdbi().withHandle(handle -> handle.createQuery(sql)
                .bind("granularity", span.granularity().code()).bind("from", span.from()).bind("to", span.to())
                .map((rs, ctx) -> row(rs)).list());
    }

    private static Row row(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Row(rs.getString("grp"), rs.getLong("requests"), rs.getLong("input_tokens"),
                rs.getLong("output_tokens"), rs.getLong("metered"), rs.getLong("standard"), rs.getLong("charged"));
    }

    /** {@code AND tenant_id IN (…)} of ids of the store's shape (anything else is left out, never quoted in). */
    private static String tenantsIn(java.util.Set<String> tenants) {
        List<String> ids = tenants.stream().filter(t -> t.matches("[A-Za-z0-9_-]{1,64}")).sorted()
                .map(t -> "'" + t + "'").toList();
        return ids.isEmpty() ? " AND 1 = 0" : " AND tenant_id IN (" + String.join(", ", ids) + ")";
    }
}
