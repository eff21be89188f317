package dev.junction.store;

import dev.junction.entity.BudgetScope;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Spend totals from the request log: grouped over a time range for reports, and per subject since a time for budget
 * reconciliation at start-up. Blocking and thread safe: run it on a database thread ({@link Database#call}).
 */
public final class SpendSummary {

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
    }

    private final Database database;

    /** Spend over this database's request log. */
    public SpendSummary(Database database) {
        this.database = database;
    }

    /**
     * The spend of requests started in {@code [from, to)}, grouped, the largest charged spend first (ties by group).
     */
    public List<Row> summarize(Instant from, Instant to, GroupBy by) {
        String group = "COALESCE(" + by.column + ", '')";
        String sql = "SELECT " + group + " AS grp, COUNT(*) AS requests, SUM(input_tokens) AS input_tokens, "
                + "SUM(output_tokens) AS output_tokens, SUM(metered_nanos) AS metered, "
                + "SUM(standard_nanos) AS standard, SUM(charged_nanos) AS charged FROM request_logs "
                + "WHERE started_at >= :from AND started_at < :to GROUP BY " + group
                + " ORDER BY charged DESC, grp";
        return database.jdbi().withHandle(handle -> handle.createQuery(sql)
                .bind("from", from.toEpochMilli())
                .bind("to", to.toEpochMilli())
                .map((rs, ctx) -> new Row(rs.getString("grp"), rs.getLong("requests"), rs.getLong("input_tokens"),
                        rs.getLong("output_tokens"), rs.getLong("metered"), rs.getLong("standard"),
                        rs.getLong("charged")))
                .list());
    }

    /** The charged spend, in nano-dollars, of one key, user, team or tenant on requests started at or after a time. */
    public long spentSince(BudgetScope scope, String scopeId, Instant from) {
        String column = switch (scope) {
            case KEY -> "key_id";
            case USER -> "user_id";
            case TEAM -> "team_id";
            case TENANT -> "tenant_id";
        };
        String sql = "SELECT COALESCE(SUM(charged_nanos), 0) FROM request_logs WHERE " + column
                + " = :scopeId AND started_at >= :from";
        return database.jdbi().withHandle(handle -> handle.createQuery(sql)
                .bind("scopeId", scopeId)
                .bind("from", from.toEpochMilli())
                .mapTo(Long.class)
                .one());
    }
}
