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
     * Which entries to read; every present filter must match. An immutable value: start from {@link #newest} and
     * narrow it with the {@code with…} methods, each of which returns a copy (so a new filter is one method here,
     * not one more position in every caller).
     */
    public static final class Filter {

        private Optional<Instant> from = Optional.empty();
        private Optional<Instant> to = Optional.empty();
        private Optional<String> keyId = Optional.empty();
        private Optional<String> userId = Optional.empty();
        private Optional<String> teamId = Optional.empty();
        private Optional<String> tenantId = Optional.empty();
        private Optional<String> model = Optional.empty();
        private Optional<String> provider = Optional.empty();
        private Optional<String> source = Optional.empty();
        private Optional<Integer> status = Optional.empty();
        private Optional<String> errorType = Optional.empty();
        private Optional<String> errorClass = Optional.empty();
        private Optional<String> requestId = Optional.empty();
        private Optional<Long> minChargedNanos = Optional.empty();
        private Optional<Long> maxChargedNanos = Optional.empty();
        private int limit;
        private Optional<String> cursor = Optional.empty();

        private Filter(int limit) {
            this.limit = checkedLimit(limit);
        }

        private Filter copy() {
            Filter f = new Filter(limit);
            f.from = from;
            f.to = to;
            f.keyId = keyId;
            f.userId = userId;
            f.teamId = teamId;
            f.tenantId = tenantId;
            f.model = model;
            f.provider = provider;
            f.source = source;
            f.status = status;
            f.errorType = errorType;
            f.errorClass = errorClass;
            f.requestId = requestId;
            f.minChargedNanos = minChargedNanos;
            f.maxChargedNanos = maxChargedNanos;
            f.cursor = cursor;
            return f;
        }

        private static int checkedLimit(int limit) {
            if (limit < 1 || limit > MAX_LIMIT) {
                throw new IllegalArgumentException("limit must be 1 to " + MAX_LIMIT + ", got " + limit);
            }
            return limit;
        }

        /** The newest entries, unfiltered, {@code limit} (1 to {@value RequestLogQuery#MAX_LIMIT}) a page. */
        public static Filter newest(int limit) {
            return new Filter(limit);
        }

        /** Only requests started at or after this time. */
        public Filter withFrom(Optional<Instant> v) {
            Filter f = copy();
            f.from = Objects.requireNonNull(v);
            return f;
        }

        /** Only requests started before this time. */
        public Filter withTo(Optional<Instant> v) {
            Filter f = copy();
            f.to = Objects.requireNonNull(v);
            return f;
        }

        /** Only this virtual key's requests. */
        public Filter withKeyId(Optional<String> v) {
            Filter f = copy();
            f.keyId = Objects.requireNonNull(v);
            return f;
        }

        /** Only this user's requests. */
        public Filter withUserId(Optional<String> v) {
            Filter f = copy();
            f.userId = Objects.requireNonNull(v);
            return f;
        }

        /** Only this team's requests. */
        public Filter withTeamId(Optional<String> v) {
            Filter f = copy();
            f.teamId = Objects.requireNonNull(v);
            return f;
        }

        /** Only this tenant's requests. */
        public Filter withTenantId(Optional<String> v) {
            Filter f = copy();
            f.tenantId = Objects.requireNonNull(v);
            return f;
        }

        /** Only requests for this public model. */
        public Filter withModel(Optional<String> v) {
            Filter f = copy();
            f.model = Objects.requireNonNull(v);
            return f;
        }

        /** Only requests answered (or last tried) by this provider. */
        public Filter withProvider(Optional<String> v) {
            Filter f = copy();
            f.provider = Objects.requireNonNull(v);
            return f;
        }

        /** Only requests from this source: {@code api} (data-plane clients) or {@code playground}. */
        public Filter withSource(Optional<String> v) {
            Filter f = copy();
            f.source = Objects.requireNonNull(v);
            return f;
        }

        /** Only requests answered with this HTTP status. */
        public Filter withStatus(Optional<Integer> v) {
            Filter f = copy();
            f.status = Objects.requireNonNull(v);
            return f;
        }

        /** Only requests that failed with this kind of error (the stored error type, exactly). */
        public Filter withErrorType(Optional<String> v) {
            Filter f = copy();
            f.errorType = Objects.requireNonNull(v);
            return f;
        }

        /**
         * Only requests of this error class, as analytics counts them ({@code ErrorClass}): the error type when the
         * entry has one, else {@code http_<status>} for a status of 400 or more.
         */
        public Filter withErrorClass(Optional<String> v) {
            Filter f = copy();
            f.errorClass = Objects.requireNonNull(v);
            return f;
        }

        /** Only the entries of this request id. */
        public Filter withRequestId(Optional<String> v) {
            Filter f = copy();
            f.requestId = Objects.requireNonNull(v);
            return f;
        }

        /** Only requests whose charged cost is at least this, in nanodollars. */
        public Filter withMinChargedNanos(Optional<Long> v) {
            Filter f = copy();
            f.minChargedNanos = Objects.requireNonNull(v);
            return f;
        }

        /** Only requests whose charged cost is at most this, in nanodollars. */
        public Filter withMaxChargedNanos(Optional<Long> v) {
            Filter f = copy();
            f.maxChargedNanos = Objects.requireNonNull(v);
            return f;
        }

        /** The same filter with another page size. */
        public Filter withLimit(int v) {
            Filter f = copy();
            f.limit = checkedLimit(v);
            return f;
        }

        /** The same filter from another position ({@link Page#nextCursor()}); empty for the first page. */
        public Filter withCursor(Optional<String> v) {
            Filter f = copy();
            f.cursor = Objects.requireNonNull(v);
            return f;
        }

        public Optional<Instant> from() { return from; }
        public Optional<Instant> to() { return to; }
        public Optional<String> keyId() { return keyId; }
        public Optional<String> userId() { return userId; }
        public Optional<String> teamId() { return teamId; }
        public Optional<String> tenantId() { return tenantId; }
        public Optional<String> model() { return model; }
        public Optional<String> provider() { return provider; }
        public Optional<String> source() { return source; }
        public Optional<Integer> status() { return status; }
        public Optional<String> errorType() { return errorType; }
        public Optional<String> errorClass() { return errorClass; }
        public Optional<String> requestId() { return requestId; }
        public Optional<Long> minChargedNanos() { return minChargedNanos; }
        public Optional<Long> maxChargedNanos() { return maxChargedNanos; }
        public int limit() { return limit; }
        public Optional<String> cursor() { return cursor; }
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
        filter.provider().ifPresent(v -> where.add("provider = :provider"));
        filter.source().ifPresent(v -> where.add("source = :source"));
        filter.requestId().ifPresent(v -> where.add("request_id = :requestId"));
        filter.minChargedNanos().ifPresent(v -> where.add("charged_nanos >= :minCharged"));
        filter.maxChargedNanos().ifPresent(v -> where.add("charged_nanos <= :maxCharged"));
        Optional<Integer> classStatus = filter.errorClass().flatMap(RequestLogQuery::httpClassStatus);
        filter.errorClass().ifPresent(v -> where.add(classStatus.isPresent()
                // http_<status> is the class of a failure without an error type.
                ? "(error_type IS NULL OR error_type = '') AND status = :classStatus"
                : "error_type = :errorClass"));
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
            filter.model().ifPresent(v -> query.bind("model", v));
            filter.status().ifPresent(v -> query.bind("status", v));
            filter.errorType().ifPresent(v -> query.bind("errorType", v));
            filter.provider().ifPresent(v -> query.bind("provider", v));
            filter.source().ifPresent(v -> query.bind("source", v));
            filter.requestId().ifPresent(v -> query.bind("requestId", v));
            filter.minChargedNanos().ifPresent(v -> query.bind("minCharged", v));
            filter.maxChargedNanos().ifPresent(v -> query.bind("maxCharged", v));
            if (classStatus.isPresent()) {
                query.bind("classStatus", classStatus.get());
            } else {
                filter.errorClass().ifPresent(v -> query.bind("errorClass", v));
            }
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

    /** The status of an {@code http_<status>} error class (400 to 599); empty for any other class. */
    static Optional<Integer> httpClassStatus(String errorClass) {
        if (!errorClass.startsWith("http_") || errorClass.length() != 8) {
            return Optional.empty();
        }
        try {
            int status = Integer.parseInt(errorClass.substring(5));
            return status >= 400 && status <= 599 ? Optional.of(status) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
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
