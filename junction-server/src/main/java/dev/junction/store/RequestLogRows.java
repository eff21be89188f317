package dev.junction.store;

import dev.junction.entity.Attribution;
import dev.junction.model.Usage;
import dev.junction.observe.CacheOutcome;
import dev.junction.observe.LoggedAttempt;
import dev.junction.observe.LoggedRequest;
import dev.junction.observe.ResponseHeaders;
import dev.junction.observe.RequestSource;
import dev.junction.pricing.Costs;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.Optional;

/** The {@code request_logs} columns, both ways; shared by the writer and the readers. */
final class RequestLogRows {

    /** Every column but the id, in the order {@link #bind} sets them. */
    static final String COLUMNS = "request_id, started_at, key_name, key_id, user_id, team_id, tenant_id, endpoint, "
            + "public_model, provider, deployment, upstream_model, stream, cache_hit, status, latency_ms, ttfb_ms, "
            + "input_tokens, output_tokens, cached_read_tokens, cache_write_tokens, reasoning_tokens, metered_nanos, "
            + "standard_nanos, charged_nanos, attempts, error_type, error_message, request_body, response_body, "
            + "attempt_log, response_headers, source, guardrails, units, cache_outcome, cache_saved_nanos";
    static final int COLUMN_COUNT = 37;

    /** The longest error message kept, in characters. */
    static final int MAX_ERROR_MESSAGE = 2000;
    /** The longest guardrail summary kept, in characters (the column's width). */
    static final int MAX_GUARDRAILS = 1000;
    // The widths of the indexed columns (MySQL needs them bounded); our ids and request ids are shorter.
    private static final int MAX_REQUEST_ID = 128;
    private static final int MAX_ID = 64;

    private RequestLogRows() {}

    /** Sets the parameters 1 to {@value #COLUMN_COUNT} from an entry. */
    static void bind(PreparedStatement ps, LoggedRequest r) throws SQLException {
        Attribution caller = r.caller();
        Usage usage = r.usage();
        Costs costs = r.costs();
        int i = 0;
        ps.setString(++i, shorten(text(r.requestId()), MAX_REQUEST_ID));
        ps.setLong(++i, r.startedAt().toEpochMilli());
        ps.setString(++i, text(caller.keyName()));
        setOptional(ps, ++i, caller.keyId().map(id -> shorten(id, MAX_ID)));
        setOptional(ps, ++i, caller.userId().map(id -> shorten(id, MAX_ID)));
        setOptional(ps, ++i, caller.teamId().map(id -> shorten(id, MAX_ID)));
        setOptional(ps, ++i, caller.tenantId().map(id -> shorten(id, MAX_ID)));
        ps.setString(++i, text(r.endpoint()));
        ps.setString(++i, text(r.publicModel()));
        ps.setString(++i, text(r.provider()));
        ps.setString(++i, text(r.deployment()));
        ps.setString(++i, text(r.upstreamModel()));
        ps.setBoolean(++i, r.stream());
        ps.setBoolean(++i, r.cacheHit());
        ps.setInt(++i, r.status());
        ps.setLong(++i, r.latencyMillis());
        ps.setLong(++i, r.ttfbMillis());
        ps.setLong(++i, usage.inputTokens());
        ps.setLong(++i, usage.outputTokens());
        ps.setLong(++i, usage.cachedReadTokens());
        ps.setLong(++i, usage.cacheWriteTokens());
        ps.setLong(++i, usage.reasoningTokens());
        ps.setLong(++i, costs.meteredNanos());
        ps.setLong(++i, costs.standardNanos());
        ps.setLong(++i, costs.chargedNanos());
        ps.setString(++i, text(r.attempts()));
        setOptional(ps, ++i, r.errorType().map(RequestLogRows::text));
        setOptional(ps, ++i, r.errorMessage().map(m -> shorten(text(m), MAX_ERROR_MESSAGE)));
        setOptional(ps, ++i, r.requestBody().map(RequestLogRows::text));
        setOptional(ps, ++i, r.responseBody().map(RequestLogRows::text));
        setOptional(ps, ++i, LoggedAttempt.toJson(r.attemptLog()).map(RequestLogRows::text));
        setOptional(ps, ++i, ResponseHeaders.toJson(r.responseHeaders()).map(RequestLogRows::text));
        ps.setString(++i, r.source().wireName());
        setOptional(ps, ++i, r.guardrails().map(g -> shorten(text(g), MAX_GUARDRAILS)));
        setOptional(ps, ++i, Optional.ofNullable(Columns.unitUsage(r.units())));
        setOptional(ps, ++i, Optional.of(r.cache().outcome()).filter(o -> !o.isEmpty()));
        ps.setLong(++i, r.cache().savedNanos());
    }

    /** Reads the row the cursor is on; it must have every column of {@link #COLUMNS} and {@code id}. */
    static StoredRequestLog read(ResultSet rs) throws SQLException {
        Attribution caller = new Attribution(rs.getString("key_name"), Columns.optionalString(rs, "key_id"),
                Columns.optionalString(rs, "user_id"), Columns.optionalString(rs, "team_id"),
                Columns.optionalString(rs, "tenant_id"));
        Usage usage = new Usage(rs.getLong("input_tokens"), rs.getLong("output_tokens"),
                rs.getLong("cached_read_tokens"), rs.getLong("cache_write_tokens"), rs.getLong("reasoning_tokens"));
        Costs costs = new Costs(rs.getLong("metered_nanos"), rs.getLong("standard_nanos"),
                rs.getLong("charged_nanos"));
        LoggedRequest request = new LoggedRequest(rs.getString("request_id"), Columns.instant(rs, "started_at"),
                caller, rs.getString("endpoint"), rs.getString("public_model"), rs.getString("provider"),
                rs.getString("deployment"), rs.getString("upstream_model"), rs.getBoolean("stream"),
                rs.getBoolean("cache_hit"), rs.getInt("status"), rs.getLong("latency_ms"), rs.getLong("ttfb_ms"),
                usage, costs, rs.getString("attempts"), Columns.optionalString(rs, "error_type"),
                Columns.optionalString(rs, "error_message"), Columns.optionalString(rs, "request_body"),
                Columns.optionalString(rs, "response_body"),
                LoggedAttempt.fromJson(Columns.optionalString(rs, "attempt_log")),
                ResponseHeaders.fromJson(Columns.optionalString(rs, "response_headers")),
                RequestSource.ofWireName(rs.getString("source")), Columns.optionalString(rs, "guardrails"),
                Columns.unitUsage(rs, "units"),
                CacheOutcome.of(rs.getString("cache_outcome"), rs.getLong("cache_saved_nanos")));
        return new StoredRequestLog(rs.getLong("id"), request);
    }

    private static void setOptional(PreparedStatement ps, int index, Optional<String> value) throws SQLException {
        if (value.isPresent()) {
            ps.setString(index, value.get());
        } else {
            ps.setNull(index, Types.VARCHAR);
        }
    }

    /**
     * Text as every database accepts it: PostgreSQL refuses NUL characters, and one client-sent NUL must not make
     * the whole batch fail again and again.
     */
    static String text(String value) {
        return value.indexOf('\0') < 0 ? value : value.replace('\0', '\uFFFD');
    }

    /** At most {@code max} characters, never cutting a surrogate pair in half. */
    private static String shorten(String value, int max) {
        if (value.length() <= max) {
            return value;
        }
        int end = Character.isHighSurrogate(value.charAt(max - 1)) ? max - 1 : max;
        return value.substring(0, end);
    }
}
