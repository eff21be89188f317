package dev.junction.observe;

import dev.junction.entity.Attribution;
import dev.junction.model.Usage;
import dev.junction.pricing.Costs;
import java.time.Instant;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/** Test records and a patient wait. */
final class Requests {

    private static final long PATIENCE_NANOS = 10_000_000_000L;

    private Requests() {}

    /** A plain successful request with the given id (no optional fields). */
    static LoggedRequest plain(String id) {
        return new LoggedRequest(id, Instant.ofEpochMilli(1_760_000_000_000L), Attribution.named("ci"),
                "/v1/chat/completions", "gpt-4o", "openai", "openai-main", "gpt-4o-2024-08-06", false, false, 200,
                120, 80, new Usage(10, 20, 0, 0, 0), new Costs(1, 2, 3), "openai-main:200:ok", Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty());
    }

    /** Ids {@code prefix-0} … {@code prefix-(n-1)}. */
    static Set<String> ids(String prefix, int n) {
        return IntStream.range(0, n).mapToObj(i -> prefix + "-" + i).collect(Collectors.toCollection(HashSet::new));
    }

    /** Offers {@code n} plain records with ids {@code prefix-i}. */
    static void offer(RequestLogWriter writer, String prefix, int n) {
        for (int i = 0; i < n; i++) {
            writer.offer(plain(prefix + "-" + i));
        }
    }

    /** Polls until the condition holds; fails after ten seconds. */
    static void awaitUntil(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + PATIENCE_NANOS;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("timed out waiting until " + what);
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
