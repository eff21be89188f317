package dev.junction.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.analytics.Dimension;
import dev.junction.analytics.Granularity;
import dev.junction.analytics.Histogram;
import dev.junction.analytics.RollupFigures;
import dev.junction.entity.Attribution;
import dev.junction.model.Usage;
import dev.junction.observe.LoggedRequest;
import dev.junction.pricing.Costs;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

/**
 * The usage rollups on each database: a seeded workload written by two sinks at once (two replicas), then every
 * granularity's figures compared with sums computed from the request log as stored.
 */
class AnalyticsRollupsTest {

    private static final Instant START = Instant.parse("2025-02-28T22:17:00Z"); // crosses an hour and a day
    private static final int ROWS = 1200;

    /** A workload over four hours: 3 models, 2 providers, 4 keys, some teams absent, errors and cache hits. */
    static List<LoggedRequest> workload(long seed) {
        Random random = new Random(seed);
        List<LoggedRequest> entries = new ArrayList<>();
        for (int i = 0; i < ROWS; i++) {
            Instant at = START.plusMillis(random.nextLong(4 * 3_600_000L));
            Attribution caller = new Attribution("key-" + (i % 4), Optional.of("key_" + (i % 4)),
                    Optional.of("usr_" + (i % 3)), i % 5 == 0 ? Optional.empty() : Optional.of("team_" + (i % 2)),
                    Optional.of("ten_a"));
            int status = i % 11 == 0 ? 429 : i % 17 == 0 ? 502 : i % 23 == 0 ? 400 : 200;
            Optional<String> errorType = switch (status) {
                case 429 -> Optional.of("rate_limited");
                case 502 -> Optional.of("upstream_error");
                default -> Optional.empty();
            };
            String provider = i % 2 == 0 ? "openai" : "anthropic";
            // Every 13th fell back from deployment b to a; every 19th was retried on a (not a fallback).
            String answer = provider + "-a=" + status + "@90ms";
            String attempts = i % 13 == 0 ? provider + "-b=503:unavailable@4ms," + answer
                    : i % 19 == 0 ? provider + "-a=503:unavailable@4ms," + answer : answer;
            entries.add(new LoggedRequest("req-" + seed + "-" + i, at, caller, "/v1/chat/completions",
                    "model-" + (i % 3), provider, provider + "-a", "up-" + (i % 3), i % 2 == 0, i % 7 == 0, status,
                    random.nextLong(20_000), status == 429 ? -1 : random.nextLong(3_000),
                    new Usage(random.nextInt(5000), random.nextInt(800), random.nextInt(100), random.nextInt(50),
                            random.nextInt(30)),
                    new Costs(random.nextLong(1_000_000), random.nextLong(1_000_000), random.nextLong(2_000_000)),
                    attempts, errorType, errorType.map(t -> "failed"), Optional.empty(), Optional.empty()));
        }
        return entries;
    }

    /** Writes the workload in batches of 100, half through each of two sinks at the same time. */
    static void writeAsTwoReplicas(Database database, List<LoggedRequest> entries) throws Exception {
        JdbcRequestLogSink first = new JdbcRequestLogSink(database);
        JdbcRequestLogSink second = new JdbcRequestLogSink(database);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int b = 0; b < entries.size(); b += 100) {
                List<LoggedRequest> batch = entries.subList(b, Math.min(entries.size(), b + 100));
                JdbcRequestLogSink sink = (b / 100) % 2 == 0 ? first : second;
                done.add(pool.submit(() -> {
                    sink.write(batch);
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
    }

    private static List<LoggedRequest> storedLog(Database database) {
        return database.jdbi().withHandle(h -> h.createQuery("SELECT * FROM request_logs")
                .map((rs, ctx) -> RequestLogRows.read(rs).request()).list());
    }

    /** The figures the rollups must show, summed straight from log entries. */
    private record Expected(long requests, long errors, long cacheHits, long input, long output, long cachedRead,
                            long cacheWrite, long reasoning, long metered, long standard, long charged, long fallbacks,
                            long latencySum, long ttftCount, long ttftSum, List<Long> latencyBuckets) {

        static Expected of(List<LoggedRequest> rows) {
            long[] buckets = new long[Histogram.BUCKETS];
            rows.forEach(r -> buckets[r.latencyMillis() == 0 ? 0
                    : Math.min(Histogram.BUCKETS - 1, (int) Math.floor(Math.log(r.latencyMillis()) / Math.log(2)) + 1)]++);
            return new Expected(rows.size(), rows.stream().filter(r -> r.status() >= 400).count(),
                    rows.stream().filter(LoggedRequest::cacheHit).count(),
                    sum(rows, r -> r.usage().inputTokens()), sum(rows, r -> r.usage().outputTokens()),
                    sum(rows, r -> r.usage().cachedReadTokens()), sum(rows, r -> r.usage().cacheWriteTokens()),
                    sum(rows, r -> r.usage().reasoningTokens()), sum(rows, r -> r.costs().meteredNanos()),
                    sum(rows, r -> r.costs().standardNanos()), sum(rows, r -> r.costs().chargedNanos()),
                    rows.stream().filter(r -> r.attempts().contains("-b=")).count(),
                    sum(rows, LoggedRequest::latencyMillis), rows.stream().filter(r -> r.ttfbMillis() >= 0).count(),
                    sum(rows, r -> Math.max(0, r.ttfbMillis())),
                    java.util.Arrays.stream(buckets).boxed().toList());
        }

        static Expected of(RollupFigures f) {
            List<Long> buckets = new ArrayList<>();
            for (int i = 0; i < Histogram.BUCKETS; i++) {
                buckets.add(f.latency().count(i));
            }
            return new Expected(f.requests(), f.errors(), f.cacheHits(), f.inputTokens(), f.outputTokens(),
                    f.cachedReadTokens(), f.cacheWriteTokens(), f.reasoningTokens(), f.meteredNanos(),
                    f.standardNanos(), f.chargedNanos(), f.fallbacks(), f.latencySumMillis(), f.ttftCount(),
                    f.ttftSumMillis(), buckets);
        }

        private static long sum(List<LoggedRequest> rows, java.util.function.ToLongFunction<LoggedRequest> f) {
            return rows.stream().mapToLong(f).sum();
        }
    }

    @AllDialects
    void everyGranularityAddsUpToTheRequestLogPerBucketAndGroup(SqlDialect dialect) throws Exception {
        try (TestDatabases.Opened db = TestDatabases.open(dialect)) {
            writeAsTwoReplicas(db.database(), workload(7));
            List<LoggedRequest> log = storedLog(db.database());
            assertThat(log).hasSize(ROWS);

            for (Granularity g : Granularity.values()) {
                List<Dimension> groups = List.of(Dimension.MODEL, Dimension.PROVIDER);
                List<AnalyticsQuery.Point> points = new AnalyticsQuery(db.database()).read(new AnalyticsQuery.Request(
                        Instant.EPOCH, Instant.parse("2100-01-01T00:00:00Z"), g, true, groups, Map.of()));

                Map<List<Object>, List<LoggedRequest>> byBucketAndGroup = log.stream().collect(Collectors.groupingBy(
                        r -> List.of(g.bucketStart(r.startedAt().toEpochMilli()), r.publicModel(), r.provider())));
                Map<List<Object>, Expected> expected = new HashMap<>();
                byBucketAndGroup.forEach((k, rows) -> expected.put(k, Expected.of(rows)));
                Map<List<Object>, Expected> actual = new HashMap<>();
                for (AnalyticsQuery.Point p : points) {
                    actual.put(List.of(p.bucketStart().orElseThrow().toEpochMilli(), p.group().get(Dimension.MODEL),
                            p.group().get(Dimension.PROVIDER)), Expected.of(p.figures()));
                }
                assertThat(actual).as(g.wireName()).isEqualTo(expected);
            }
        }
    }

    @AllDialects
    void filtersAndErrorClassesMatchTheLog(SqlDialect dialect) throws Exception {
        try (TestDatabases.Opened db = TestDatabases.open(dialect)) {
            writeAsTwoReplicas(db.database(), workload(11));
            List<LoggedRequest> log = storedLog(db.database());

            List<AnalyticsQuery.Point> points = new AnalyticsQuery(db.database()).read(new AnalyticsQuery.Request(
                    Instant.EPOCH, Instant.parse("2100-01-01T00:00:00Z"), Granularity.DAY, false,
                    List.of(Dimension.TEAM), Map.of(Dimension.KEY, "key_1", Dimension.MODEL, "model-2")));

            Map<String, List<LoggedRequest>> expected = log.stream()
                    .filter(r -> r.caller().keyId().equals(Optional.of("key_1")) && r.publicModel().equals("model-2"))
                    .collect(Collectors.groupingBy(r -> r.caller().teamId().orElse("")));
            assertThat(points).hasSize(expected.size());
            for (AnalyticsQuery.Point p : points) {
                List<LoggedRequest> rows = expected.get(p.group().get(Dimension.TEAM));
                assertThat(Expected.of(p.figures())).isEqualTo(Expected.of(rows));
                Map<String, Long> classes = rows.stream().filter(r -> r.status() >= 400).collect(Collectors
                        .groupingBy(r -> r.errorType().orElse("http_" + r.status()), Collectors.counting()));
                assertThat(p.errorsByClass()).isEqualTo(classes);
            }
            assertThat(expected).containsKey("");
        }
    }

    @AllDialects
    void theRangeTakesBucketsThatStartInIt(SqlDialect dialect) throws Exception {
        try (TestDatabases.Opened db = TestDatabases.open(dialect)) {
            writeAsTwoReplicas(db.database(), workload(3));
            Instant from = Instant.parse("2025-02-28T23:00:00Z");
            Instant to = Instant.parse("2025-03-01T01:00:00Z");

            List<AnalyticsQuery.Point> points = new AnalyticsQuery(db.database()).read(new AnalyticsQuery.Request(
                    from, to, Granularity.HOUR, false, List.of(), Map.of()));

            long expected = storedLog(db.database()).stream()
                    .filter(r -> !r.startedAt().isBefore(from) && r.startedAt().isBefore(to)).count();
            assertThat(expected).isPositive().isLessThan(ROWS);
            assertThat(points).singleElement().satisfies(p -> assertThat(p.figures().requests()).isEqualTo(expected));
        }
    }


    @AllDialects
    void aReadOverItsCapOfPointsIsRefused(SqlDialect dialect) throws Exception {
        try (TestDatabases.Opened db = TestDatabases.open(dialect)) {
            writeAsTwoReplicas(db.database(), workload(5));
            AnalyticsQuery.Request byMinuteAndKey = new AnalyticsQuery.Request(Instant.EPOCH,
                    Instant.parse("2100-01-01T00:00:00Z"), Granularity.MINUTE, true, List.of(Dimension.KEY), Map.of());

            assertThat(new AnalyticsQuery(db.database(), 10_000).read(byMinuteAndKey)).hasSizeGreaterThan(100);
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> new AnalyticsQuery(db.database(), 100)
                    .read(byMinuteAndKey)).isInstanceOf(AnalyticsQuery.TooManyPoints.class);
        }
    }
}
