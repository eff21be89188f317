package dev.junction.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.junction.entity.Attribution;
import dev.junction.entity.BudgetScope;
import dev.junction.model.Usage;
import dev.junction.observe.LoggedAttempt;
import dev.junction.observe.LoggedRequest;
import dev.junction.observe.RequestSource;
import dev.junction.pricing.Costs;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The request log on each database: one batch of 1,000 entries per database (a tenant and a year of its own, so the
 * shared database's other rows never match), read back through the query, the pages and the spend totals.
 */
@ExtendWith(SharedDatabases.class)
class RequestLogTest {

    private static final int ROWS = 1000;
    private static final Map<SqlDialect, Batch> WRITTEN = new EnumMap<>(SqlDialect.class);

    /** The entries written to one database, and what they were written for. */
    private record Batch(String tenantId, Instant start, Instant end, List<LoggedRequest> entries) {

        long count(Predicate<LoggedRequest> filter) {
            return entries.stream().filter(filter).count();
        }
    }

    private static synchronized Batch batch(SqlDialect dialect) throws Exception {
        Batch existing = WRITTEN.get(dialect);
        if (existing != null) {
            return existing;
        }
        String tenant = Ids.newId(Ids.TENANT);
        String prefix = tenant.substring(4, 12);
        Instant start = Instant.parse("2001-03-01T00:00:00Z").plusSeconds(86_400L * 30 * dialect.ordinal());
        List<LoggedRequest> entries = new ArrayList<>();
        for (int i = 0; i < ROWS; i++) {
            // Three entries share each millisecond, so pages must break ties by id.
            Instant at = start.plusMillis(i / 3 * 1000L);
            Attribution caller = new Attribution("key-" + (i % 4), Optional.of("key_" + prefix + (i % 4)),
                    Optional.of("usr_" + prefix + (i % 2)), i % 5 == 0 ? Optional.empty()
                    : Optional.of("team_" + prefix + (i % 2)), Optional.of(tenant));
            boolean limited = i % 10 == 0;
            entries.add(new LoggedRequest("req-" + prefix + "-" + i, at, caller, "/v1/chat/completions",
                    "model-" + (i % 3), "openai", "openai-" + (i % 2), "upstream-" + (i % 3), i % 2 == 0, false,
                    limited ? 429 : 200, 100 + i, limited ? -1 : 20 + i, new Usage(i, i % 7, 0, 0, 0),
                    new Costs(i * 10L, i * 20L, i * 30L), "openai-" + (i % 2) + ":" + (limited ? 429 : 200),
                    limited ? Optional.of("rate_limited") : Optional.empty(),
                    limited ? Optional.of("slow down") : Optional.empty(), Optional.empty(), Optional.empty()));
        }
        new JdbcRequestLogSink(SharedDatabases.get(dialect)).write(entries);
        Batch batch = new Batch(tenant, start, start.plusMillis(ROWS / 3 * 1000L + 1000), List.copyOf(entries));
        WRITTEN.put(dialect, batch);
        return batch;
    }

    private static RequestLogQuery.Filter tenantFilter(Batch batch, int limit) {
        return RequestLogQuery.Filter.newest(limit).withTenantId(Optional.of(batch.tenantId()));
    }

    @AllDialects
    void unitUsageIsStoredAsJsonAndReadBack(SqlDialect dialect) throws Exception {
        String tenant = Ids.newId(Ids.TENANT);
        LoggedRequest r = new LoggedRequest("req-units-" + tenant, Instant.parse("2001-02-01T00:00:00Z"),
                new Attribution("k", Optional.empty(), Optional.empty(), Optional.empty(), Optional.of(tenant)),
                "/v1/images/generations", "dall-e-3", "openai", "openai/dall-e-3", "dall-e-3", false, false, 200, 10,
                -1, Usage.ZERO, new Costs(80_000_000, 80_000_000, 80_000_000), "openai/dall-e-3:200",
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), List.of(), Map.of(),
                dev.junction.observe.RequestSource.API, Optional.empty(),
                dev.junction.pricing.UnitUsage.of("image:1024x1024:hd", 1));
        new JdbcRequestLogSink(SharedDatabases.get(dialect)).write(List.of(r));

        List<StoredRequestLog> found = new RequestLogQuery(SharedDatabases.get(dialect))
                .find(RequestLogQuery.Filter.newest(5).withTenantId(Optional.of(tenant))).items();

        assertThat(found).singleElement().extracting(s -> s.request().units())
                .isEqualTo(dev.junction.pricing.UnitUsage.of("image:1024x1024:hd", 1));
    }

    @AllDialects
    void pagesWalkTheWholeBatchNewestFirstWithoutGapsOrRepeats(SqlDialect dialect) throws Exception {
        Batch batch = batch(dialect);
        RequestLogQuery query = new RequestLogQuery(SharedDatabases.get(dialect));
        List<StoredRequestLog> seen = new ArrayList<>();
        RequestLogQuery.Filter filter = tenantFilter(batch, 97);
        int pages = 0;
        while (true) {
            RequestLogQuery.Page page = query.find(filter);
            seen.addAll(page.items());
            pages++;
            if (page.nextCursor().isEmpty()) {
                break;
            }
            filter = filter.withCursor(page.nextCursor());
        }

        assertThat(pages).isEqualTo(11);
        assertThat(seen).hasSize(ROWS);
        assertThat(seen.stream().map(StoredRequestLog::id).collect(Collectors.toSet())).hasSize(ROWS);
        assertThat(seen).isSortedAccordingTo(Comparator
                .comparing((StoredRequestLog s) -> s.request().startedAt()).reversed()
                .thenComparing(Comparator.comparingLong(StoredRequestLog::id).reversed()));
        assertThat(seen.stream().map(StoredRequestLog::request).collect(Collectors.toSet()))
                .isEqualTo(new HashSet<>(batch.entries()));
    }

    @AllDialects
    void filtersNarrowTheEntriesToThoseThatMatchEveryOne(SqlDialect dialect) throws Exception {
        Batch batch = batch(dialect);
        RequestLogQuery query = new RequestLogQuery(SharedDatabases.get(dialect));
        LoggedRequest sample = batch.entries().get(40);
        String keyId = sample.caller().keyId().orElseThrow();
        Instant from = batch.start().plusSeconds(30);
        Instant to = batch.start().plusSeconds(200);
        RequestLogQuery.Filter filter = RequestLogQuery.Filter.newest(1000).withFrom(Optional.of(from))
                .withTo(Optional.of(to)).withKeyId(Optional.of(keyId)).withUserId(sample.caller().userId())
                .withTenantId(Optional.of(batch.tenantId())).withModel(Optional.of(sample.publicModel()))
                .withStatus(Optional.of(429)).withErrorType(Optional.of("rate_limited"));

        List<LoggedRequest> found = query.find(filter).items().stream().map(StoredRequestLog::request).toList();

        long expected = batch.count(r -> !r.startedAt().isBefore(from) && r.startedAt().isBefore(to)
                && r.caller().keyId().equals(Optional.of(keyId)) && r.caller().userId().equals(sample.caller().userId())
                && r.publicModel().equals(sample.publicModel()) && r.status() == 429);
        assertThat(expected).isPositive();
        assertThat(found).hasSize((int) expected).allMatch(r -> r.errorType().equals(Optional.of("rate_limited")));
    }

    @AllDialects
    void providerRequestIdCostRangeAndErrorClassFiltersMatch(SqlDialect dialect) throws Exception {
        Batch batch = batch(dialect);
        RequestLogQuery query = new RequestLogQuery(SharedDatabases.get(dialect));
        RequestLogQuery.Filter tenant = tenantFilter(batch, 1000);
        LoggedRequest sample = batch.entries().get(7);

        assertThat(query.find(tenant.withProvider(Optional.of("openai"))).items()).hasSize(batch.entries().size());
        assertThat(query.find(tenant.withProvider(Optional.of("anthropic"))).items()).isEmpty();
        assertThat(query.find(tenant.withRequestId(Optional.of(sample.requestId()))).items()).singleElement()
                .extracting(s -> s.request().requestId()).isEqualTo(sample.requestId());
        // Charged is i * 30 nanodollars: 300 to 600 is i from 10 to 20, both ends included.
        assertThat(query.find(tenant.withMinChargedNanos(Optional.of(300L)).withMaxChargedNanos(Optional.of(600L)))
                .items()).hasSize(11).allMatch(s -> s.request().costs().chargedNanos() >= 300
                        && s.request().costs().chargedNanos() <= 600);
        assertThat(query.find(tenant.withErrorClass(Optional.of("rate_limited"))).items())
                .hasSize((int) batch.count(r -> r.status() == 429));
        // Every 429 of the batch has an error type, so none is in the class of untyped 429s.
        assertThat(query.find(tenant.withErrorClass(Optional.of("http_429"))).items()).isEmpty();
    }

    @AllDialects
    void teamFilterLeavesOutRequestsOfUsersWithoutATeam(SqlDialect dialect) throws Exception {
        Batch batch = batch(dialect);
        RequestLogQuery query = new RequestLogQuery(SharedDatabases.get(dialect));
        String teamId = batch.entries().get(1).caller().teamId().orElseThrow();
        RequestLogQuery.Filter filter = RequestLogQuery.Filter.newest(1000).withTeamId(Optional.of(teamId));

        assertThat(query.find(filter).items()).hasSize((int) batch.count(r -> r.caller().teamId()
                .equals(Optional.of(teamId))));
    }

    @AllDialects
    void spendIsGroupedByModelAndOrderedByChargedSpend(SqlDialect dialect) throws Exception {
        Batch batch = batch(dialect);
        SpendSummary spend = new SpendSummary(SharedDatabases.get(dialect), dev.junction.config.AnalyticsSettings.DEFAULT,
                java.time.Clock.systemUTC());

        List<SpendSummary.Row> rows = spend.summarize(batch.start(), batch.end(), SpendSummary.GroupBy.MODEL);

        assertThat(rows).isEqualTo(expectedRows(batch, LoggedRequest::publicModel));
    }

    @AllDialects
    void spendByTeamGroupsRequestsWithoutATeamUnderAnEmptyName(SqlDialect dialect) throws Exception {
        Batch batch = batch(dialect);
        SpendSummary spend = new SpendSummary(SharedDatabases.get(dialect), dev.junction.config.AnalyticsSettings.DEFAULT,
                java.time.Clock.systemUTC());

        List<SpendSummary.Row> rows = spend.summarize(batch.start(), batch.end(), SpendSummary.GroupBy.TEAM);

        assertThat(rows).isEqualTo(expectedRows(batch, r -> r.caller().teamId().orElse("")));
        assertThat(rows).extracting(SpendSummary.Row::group).contains("");
    }

    @AllDialects
    void spentSinceSumsTheChargedCostOfOneSubjectFromATime(SqlDialect dialect) throws Exception {
        Batch batch = batch(dialect);
        SpendSummary spend = new SpendSummary(SharedDatabases.get(dialect), dev.junction.config.AnalyticsSettings.DEFAULT,
                java.time.Clock.systemUTC());
        String userId = batch.entries().getFirst().caller().userId().orElseThrow();
        Instant from = batch.start().plusSeconds(100);

        long expected = batch.entries().stream()
                .filter(r -> r.caller().userId().equals(Optional.of(userId)) && !r.startedAt().isBefore(from))
                .mapToLong(r -> r.costs().chargedNanos()).sum();

        assertThat(spend.spentSince(BudgetScope.USER, userId, from)).isEqualTo(expected).isPositive();
        assertThat(spend.spentSince(BudgetScope.TENANT, Ids.newId(Ids.TENANT), from)).isZero();
    }

    @AllDialects
    void anEntryKeepsItsBodiesAndAShortenedErrorMessage(SqlDialect dialect) throws Exception {
        Database db = SharedDatabases.get(dialect);
        String tenant = Ids.newId(Ids.TENANT);
        LoggedRequest failed = new LoggedRequest(Ids.newId("req"), Instant.parse("1999-12-31T23:59:59.999Z"),
                new Attribution("ops", Optional.empty(), Optional.empty(), Optional.empty(), Optional.of(tenant)),
                "/v1/messages", "claude", "", "", "", true, true, 502, 1500, -1, Usage.ZERO, Costs.ZERO, "",
                Optional.of("upstream_error"), Optional.of("é".repeat(2500)),
                Optional.of("{\"messages\":[\"héllo \uD83D\uDE00\"]}"), Optional.of("x".repeat(100_000)));

        new JdbcRequestLogSink(db).write(List.of(failed));
        LoggedRequest stored = new RequestLogQuery(db).find(RequestLogQuery.Filter.newest(10)
                .withTenantId(Optional.of(tenant))).items().getFirst()
                .request();

        assertThat(stored.errorMessage()).contains("é".repeat(2000));
        assertThat(stored.requestBody()).isEqualTo(failed.requestBody());
        assertThat(stored.responseBody()).isEqualTo(failed.responseBody());
        assertThat(stored.caller()).isEqualTo(failed.caller());
        assertThat(stored.ttfbMillis()).isEqualTo(-1);
        assertThat(stored.startedAt()).isEqualTo(failed.startedAt());
    }

    @AllDialects
    void guardrailResultsRoundTripAndEntriesWithoutThemHaveNone(SqlDialect dialect) throws Exception {
        Database db = SharedDatabases.get(dialect);
        String tenant = Ids.newId(Ids.TENANT);
        Attribution caller = new Attribution("ops", Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.of(tenant));
        String results = "mask-pii/pii/EMAIL:redact@input,answers/pii/CREDIT_CARD:block@output";
        LoggedRequest guarded = new LoggedRequest(Ids.newId("req"), Instant.parse("1999-10-01T00:00:00Z"), caller,
                "/v1/chat/completions", "chat", "openai", "openai/gpt-4o", "gpt-4o", false, false, 400, 3, 3,
                Usage.ZERO, Costs.ZERO, "", Optional.of("invalid_request"), Optional.empty(), Optional.empty(),
                Optional.empty(), List.of(), Map.of(), RequestSource.API, Optional.of(results));
        LoggedRequest plain = new LoggedRequest(Ids.newId("req"), Instant.parse("1999-09-30T00:00:00Z"), caller,
                "/v1/chat/completions", "chat", "openai", "openai/gpt-4o", "gpt-4o", false, false, 200, 3, 3,
                Usage.ZERO, Costs.ZERO, "", Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());

        new JdbcRequestLogSink(db).write(List.of(guarded, plain));
        List<StoredRequestLog> stored = new RequestLogQuery(db).find(RequestLogQuery.Filter.newest(10)
                .withTenantId(Optional.of(tenant))).items();

        assertThat(stored).extracting(s -> s.request().guardrails()).containsExactly(Optional.of(results),
                Optional.empty());
    }

    @AllDialects
    void attemptDetailAndResponseHeadersRoundTripAndOldRowsHaveNone(SqlDialect dialect) throws Exception {
        Database db = SharedDatabases.get(dialect);
        String tenant = Ids.newId(Ids.TENANT);
        Attribution caller = new Attribution("ops", Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.of(tenant));
        List<LoggedAttempt> attempts = List.of(
                new LoggedAttempt("dead-a", "dead", 503, "unavailable", 1, 12, "first"),
                new LoggedAttempt("chat-a", "mockai", 200, "ok", 14, 80, "fallback"));
        Map<String, String> headers = new java.util.LinkedHashMap<>();
        headers.put("x-request-id", "req-1");
        headers.put("x-junction-attempts", "dead-a=503:unavailable@12ms,chat-a=200@80ms");
        headers.put("x-ratelimit-remaining-requests", "9");
        LoggedRequest failover = new LoggedRequest(Ids.newId("req"), Instant.parse("1999-11-30T00:00:00Z"), caller,
                "/v1/chat/completions", "failover", "mockai", "chat-a", "m", false, false, 200, 100, 95, Usage.ZERO,
                Costs.ZERO, "dead-a=503:unavailable@12ms,chat-a=200@80ms", Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), attempts, headers);
        LoggedRequest old = new LoggedRequest(Ids.newId("req"), Instant.parse("1999-11-29T00:00:00Z"), caller,
                "/v1/chat/completions", "failover", "mockai", "chat-a", "m", false, false, 200, 100, 95, Usage.ZERO,
                Costs.ZERO, "chat-a=200@80ms", Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());

        new JdbcRequestLogSink(db).write(List.of(failover, old));
        List<LoggedRequest> stored = new RequestLogQuery(db).find(RequestLogQuery.Filter.newest(10)
                .withTenantId(Optional.of(tenant))).items().stream().map(StoredRequestLog::request).toList();

        assertThat(stored).hasSize(2);
        assertThat(stored.get(0).attemptLog()).isEqualTo(attempts);
        assertThat(stored.get(0).responseHeaders()).containsExactlyEntriesOf(headers);
        assertThat(stored.get(1).attemptLog()).isEmpty();
        assertThat(stored.get(1).responseHeaders()).isEmpty();
        assertThat(stored.get(1).attempts()).isEqualTo("chat-a=200@80ms");
    }

    @AllDialects
    void aNulCharacterIsStoredAsAReplacementCharacter(SqlDialect dialect) throws Exception {
        Database db = SharedDatabases.get(dialect);
        LoggedRequest request = Fixtures.request(Instant.parse("1999-06-01T00:00:00Z"),
                new Attribution("nul", Optional.of(Ids.newId(Ids.KEY)), Optional.empty(), Optional.empty(),
                        Optional.empty()), "gpt\u0000x", 1);

        new JdbcRequestLogSink(db).write(List.of(request));
        RequestLogQuery.Filter byKey = RequestLogQuery.Filter.newest(10).withKeyId(request.caller().keyId());

        assertThat(new RequestLogQuery(db).find(byKey).items()).singleElement()
                .extracting(s -> s.request().publicModel()).isEqualTo("gpt\uFFFDx");
    }

    @AllDialects
    void aCursorThatWasNotMadeByTheQueryIsRejected(SqlDialect dialect) {
        RequestLogQuery query = new RequestLogQuery(SharedDatabases.get(dialect));

        assertThatThrownBy(() -> query.find(RequestLogQuery.Filter.newest(10).withCursor(Optional.of("bm9wZQ"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("invalid cursor");
    }

    private static List<SpendSummary.Row> expectedRows(Batch batch, Function<LoggedRequest, String> group) {
        Map<String, List<LoggedRequest>> groups = batch.entries().stream().collect(Collectors.groupingBy(group));
        return groups.entrySet().stream()
                .map(e -> new SpendSummary.Row(e.getKey(), e.getValue().size(),
                        e.getValue().stream().mapToLong(r -> r.usage().inputTokens()).sum(),
                        e.getValue().stream().mapToLong(r -> r.usage().outputTokens()).sum(),
                        e.getValue().stream().mapToLong(r -> r.costs().meteredNanos()).sum(),
                        e.getValue().stream().mapToLong(r -> r.costs().standardNanos()).sum(),
                        e.getValue().stream().mapToLong(r -> r.costs().chargedNanos()).sum()))
                .sorted(Comparator.comparingLong(SpendSummary.Row::chargedNanos).reversed()
                        .thenComparing(SpendSummary.Row::group))
                .toList();
    }
}
