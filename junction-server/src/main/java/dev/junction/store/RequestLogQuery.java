package dev.junction.store;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jdbi.v3.core.statement.Query;

/**
 * Reads the request log newest first, a page at a time. Pages are cut by position (time, then id), not by offset,
 * so rows written meanwhile neither repeat nor skip rows across pages. Blocking and thread safe: run it on a database
 * thread ({@link Database#call}).
 */
public final class RequestLogQuery {

    /** The largest page. */
    public static final int MAX_LIMIT = 1000;

    private final Database database;

    /** Queries over this database's request log. */
    public RequestLogQuery(Database database) {
        this.database = database;
    }

    /**
     * Which entries to read; every present filter must match.
     *
     * @param from only requests started at or after this time
     * @param to only requests started before this time
     * @param keyId only this virtual key's requests
     * @param userId only this user's requests
     * @param teamId only this team's requests
     * @param tenantId only this tenant's requests
     * @param model only requests for this public model
     * @param status only requests answered with this HTTP status
     * @param errorType only requests that failed with this kind of error
     * @param limit the page size, 1 to {@value RequestLogQuery#MAX_LIMIT}
     * @param cursor where the previous page ended ({@link Page#nextCursor()}); empty for the first page
     * @param source only requests from this source ({@code api} or {@code playground})
     */
    public record Filter(Optional<Instant> from, Optional<Instant> to, Optional<String> keyId,
                         Optional<String> userId, Optional<String> teamId, Optional<String> tenantId,
                         Optional<String> model, Optional<Integer> status, Optional<String> errorType, int limit,
                         Optional<String> cursor, Optional<String> source) {

        /** A filter of every source. */
        public Filter(Optional<Instant> from, Optional<Instant> to, Optional<String> keyId,
                      Optional<String> userId, Optional<String> teamId, Optional<String> tenantId,
                      Optional<String> model, Optional<Integer> status, Optional<String> errorType, int limit,
                      Optional<String> cursor) {
            this(from, to, keyId, userId, teamId, tenantId, model, status, errorType, limit, cursor,
                    Optional.empty());
        }

        /** Checks the limit. */
        public Filter {
            if (limit < 1 || limit > MAX_LIMIT) {
                throw new IllegalArgumentException("limit must be 1 to " + MAX_LIMIT + ", got " + limit);
            }
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(to, "to");
            Objects.requireNonNull(keyId, "keyId");
            Objects.requireNonNull(userId, "userId");
            Objects.requireNonNull(teamId, "teamId");
            Objects.requireNonNull(tenantId, "tenantId");
            Objects.requireNonNull(model, "model");
            Objects.requireNonNull(status, "status");
            Objects.requireNonNull(errorType, "errorType");
            Objects.requireNonNull(cursor, "cursor");
            Objects.requireNonNull(source, "source");
        }

        /** The newest entries, unfiltered. */
        public static Filter newest(int limit) {
            return new Filter(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                    Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), limit,
                    Optional.empty());
        }

        /** The same filter from another position. */
        public Filter withCursor(Optional<String> cursor) {
            return new Filter(from, to, keyId, userId, teamId, tenantId, model, status, errorType, limit, cursor,
                    source);
        }
    }

    /**
     * One page of entries, newest first.
     *
     * @param items the entries
     * @param nextCursor where the next page starts; empty when this is the last page
     */
    public record Page(List<StoredRequestLog> items, Optional<String> nextCursor) {

        /** Copies the list. */
        public Page {
            items = List.copyOf(items);
            Objects.requireNonNull(nextCursor, "nextCursor");
        }
    }

    /**
     * One page of the entries the filter matches.
     *
     * @throws IllegalArgumentException when the cursor is not one this class made
     */
    public Page find(Filter filter) {
        Optional<Position> after = filter.cursor().map(Position::decode);
        List<String> where = new ArrayList<>();
        filter.from().ifPresent(t -> where.add("started_at >= :from"));
        filter.to().ifPresent(t -> where.add("started_at < :to"));
        filter.keyId().ifPresent(v -> where.add("key_id = :keyId"));
        filter.userId().ifPresent(v -> where.add("user_id = :userId"));
        filter.teamId().ifPresent(v -> where.add("team_id = :teamId"));
        filter.tenantId().ifPresent(v -> where.add("tenant_id = :tenantId"));
        filter.model().ifPresent(v -> where.add("public_model = :model"));
        filter.status().ifPresent(v -> where.add("status = :status"));
        filter.errorType().ifPresent(v -> where.add("error_type = :errorType"));
        filter.source().ifPresent(v -> where.add("source = :source"));
        after.ifPresent(p -> where.add("(started_at < :afterAt OR (started_at = :afterAt AND id < :afterId))"));
        String sql = "SELECT id, " + RequestLogRows.COLUMNS + " FROM request_logs"
                + (where.isEmpty() ? "" : " WHERE " + String.join(" AND ", where))
                + " ORDER BY started_at DESC, id DESC LIMIT :limit";
        List<StoredRequestLog> rows = database.jdbi().withHandle(handle -> {
            Query query = handle.createQuery(sql).bind("limit", filter.limit() + 1);
            filter.from().ifPresent(t -> query.bind("from", t.toEpochMilli()));
            filter.to().ifPresent(t -> query.bind("to", t.toEpochMilli()));
            filter.keyId().ifPresent(v -> query.bind("keyId", v));
            filter.userId().ifPresent(v -> query.bind("userId", v));
            filter.teamId().ifPresent(v -> query.bind("teamId", v));
            filter.tenantId().ifPresent(v -> query.bind("tenantId", v));
            filter.source().ifPresent(v -> query.bind("source", v));
            filter.model().ifPresent(v -> query.bind("model", v));
            filter.status().ifPresent(v -> query.bind("status", v));
            filter.errorType().ifPresent(v -> query.bind("errorType", v));
            after.ifPresent(p -> query.bind("afterAt", p.startedAtMillis()).bind("afterId", p.id()));
            return query.map((rs, ctx) -> RequestLogRows.read(rs)).list();
        });
        if (rows.size() <= filter.limit()) {
            return new Page(rows, Optional.empty());
        }
        List<StoredRequestLog> page = rows.subList(0, filter.limit());
        StoredRequestLog last = page.getLast();
        return new Page(page, Optional.of(new Position(last.request().startedAt().toEpochMilli(), last.id())
                .encode()));
    }

    /**
     * The entry of one request: the newest when a client reused its request id.
     *
     * @param requestId the id the gateway answered with ({@code x-request-id})
     */
    public Optional<StoredRequestLog> byRequestId(String requestId) {
        return database.jdbi().withHandle(handle -> handle.createQuery("SELECT id, " + RequestLogRows.COLUMNS
                        + " FROM request_logs WHERE request_id = :requestId ORDER BY started_at DESC, id DESC LIMIT 1")
                .bind("requestId", requestId).map((rs, ctx) -> RequestLogRows.read(rs)).findOne());
    }

    /** Where a page ended: opaque to callers, base64url of {@code v1:<started-at millis>:<id>}. */
    private record Position(long startedAtMillis, long id) {

        String encode() {
            String text = "v1:" + startedAtMillis + ":" + id;
            return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
        }

        static Position decode(String cursor) {
            try {
                String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
                String[] parts = text.split(":", -1);
                if (parts.length != 3 || !parts[0].equals("v1")) {
                    throw new IllegalArgumentException("not a request-log cursor");
                }
                return new Position(Long.parseLong(parts[1]), Long.parseLong(parts[2]));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("invalid cursor '" + cursor + "'", e);
            }
        }
    }
}
