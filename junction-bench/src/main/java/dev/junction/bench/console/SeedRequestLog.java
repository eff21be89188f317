package dev.junction.bench.console;

import dev.junction.entity.Attribution;
import dev.junction.model.Usage;
import dev.junction.observe.LoggedRequest;
import dev.junction.pricing.Costs;
import dev.junction.store.Database;
import dev.junction.store.DatabaseSettings;
import dev.junction.store.JdbcRequestLogSink;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * Fills a store with a realistic request log for the console's first-paint benchmark: {@code --rows} entries spread
 * over the last {@code --days}, from 40 keys of 20 users in 4 teams, over 6 models on 3 providers, with a few
 * percent of errors. They go through the request log's own writer, so the usage rollups are written in the same
 * transactions exactly as the gateway writes them.
 *
 * <pre>
 * java -cp junction-bench.jar dev.junction.bench.console.SeedRequestLog --url jdbc:sqlite:/tmp/seed/junction.db \
 *     [--rows 1000000] [--days 30]
 * </pre>
 */
public final class SeedRequestLog {

    private static final String[] MODELS = {"gpt-4o", "gpt-4o-mini", "claude-sonnet-4", "claude-haiku-4",
        "gemini-2.5-pro", "gemini-2.5-flash"};
    private static final String[] PROVIDERS = {"openai", "openai", "anthropic", "anthropic", "gemini", "gemini"};
    private static final int BATCH = 2_000;

    private SeedRequestLog() {}

    public static void main(String[] args) throws Exception {
        String url = null;
        int rows = 1_000_000;
        int days = 30;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--url" -> url = args[i + 1];
                case "--rows" -> rows = Integer.parseInt(args[i + 1]);
                case "--days" -> days = Integer.parseInt(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        if (url == null) {
            throw new IllegalArgumentException("--url is required");
        }
        SplittableRandom random = new SplittableRandom(42);
        Instant end = Instant.now();
        long span = Duration.ofDays(days).toMillis();
        long started = System.nanoTime();
        try (Database db = Database.open(DatabaseSettings.of(url))) {
            JdbcRequestLogSink sink = new JdbcRequestLogSink(db);
            List<LoggedRequest> batch = new ArrayList<>(BATCH);
            for (int i = 0; i < rows; i++) {
                batch.add(entry(i, end.minusMillis(span - span * i / rows), random));
                if (batch.size() == BATCH || i == rows - 1) {
                    sink.write(batch);
                    batch.clear();
                }
                if ((i + 1) % 100_000 == 0) {
                    System.out.printf("seeded %,d rows in %d s%n", i + 1, (System.nanoTime() - started) / 1_000_000_000L);
                }
            }
        }
        System.out.printf("seeded %,d rows over %d days in %d s%n", rows, days,
                (System.nanoTime() - started) / 1_000_000_000L);
    }

    private static LoggedRequest entry(int i, Instant at, SplittableRandom random) {
        int key = random.nextInt(40);
        int m = random.nextInt(MODELS.length);
        boolean failed = random.nextInt(100) < 3;
        int status = failed ? (random.nextBoolean() ? 429 : 502) : 200;
        long input = failed ? 0 : 200 + random.nextInt(4_000);
        long output = failed ? 0 : 20 + random.nextInt(800);
        long standard = input * 2_500 + output * 10_000; // nano-dollars at $2.50 / $10 per million
        Attribution caller = new Attribution("key-" + key, Optional.of("key_seed" + key),
                Optional.of("usr_seed" + key / 2), Optional.of("team_seed" + key / 10), Optional.of("ten_default"));
        String deployment = PROVIDERS[m] + "/" + MODELS[m];
        return new LoggedRequest("req_seed" + i, at, caller, "/v1/chat/completions", MODELS[m], PROVIDERS[m],
                deployment, MODELS[m], random.nextBoolean(), false, status, 300 + random.nextInt(3_000),
                failed ? -1 : 80 + random.nextInt(900), new Usage(input, output, 0, 0, 0),
                new Costs(standard * 9 / 10, standard, standard * 12 / 10),
                deployment + "=" + status + ":" + (failed ? "upstream_error" : "ok") + "@" + 300,
                failed ? Optional.of(status == 429 ? "rate_limited" : "upstream_error") : Optional.empty(),
                failed ? Optional.of("seeded failure") : Optional.empty(), Optional.empty(), Optional.empty());
    }
}
