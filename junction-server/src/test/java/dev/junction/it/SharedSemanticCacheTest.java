package dev.junction.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.json.Json;
import dev.junction.testkit.Behavior;
import dev.junction.testkit.ManualClock;
import dev.junction.testkit.MockUpstream;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two gateways sharing Redis, each with its own semantic index (and data directory): what one stores reaches the
 * other's index through the Redis stream, so a paraphrase the first cached hits on the second; dropping a scope on one
 * drops it on both.
 */
class SharedSemanticCacheTest {

    static final String PREFIX = "junction-test:" + UUID.randomUUID() + ":cache:";
    static final ManualClock CLOCK = ManualClock.at("2026-12-07T12:00:00Z");
    static MockUpstream upstream;
    static Gateway first;
    static Gateway second;

    @BeforeAll
    static void start() {
        upstream = MockUpstream.start();
        upstream.setDefault(Behavior.reply("Shared by meaning"));
        String yaml = """
                keys: [{name: tests, key: %s}]
                admin_keys: [{name: admin, key: %s}]
                redis: {url: %s}
                cache:
                  backend: redis
                  ttl: 60s
                  redis_prefix: "%s"
                  semantic: {enabled: true, embedding_model: embed-words, threshold: 0.9}
                routes:
                  cached: {steps: [{provider: openai, model: gpt-4o}]}
                  embed-words: {steps: [{provider: openai, model: embed-words}]}
                """.formatted(Gateway.KEY, SemanticCacheTest.ADMIN_KEY, Backend.REDIS_URL, PREFIX);
        Map<String, String> env = Map.of("OPENAI_BASE_URL", upstream.baseUrl(),
                "OPENAI_API_KEY", "sk-upstream-openai-0123456789");
        first = Gateway.start(yaml, env, CLOCK);
        second = Gateway.start(yaml, env, CLOCK);
    }

    @AfterAll
    static void stop() {
        first.close();
        second.close();
        upstream.close();
    }

    private static long semanticEntries(Gateway gateway) {
        return Json.MAPPER.readTree(gateway.get("/api/admin/cache", "authorization",
                "Bearer " + SemanticCacheTest.ADMIN_KEY).body()).path("semantic_entries").asLong();
    }

    /** Waits, a bounded time, until {@code gateway}'s index holds {@code count} entries. */
    private static void awaitEntries(Gateway gateway, long count) {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (semanticEntries(gateway) != count) {
            assertThat(System.nanoTime()).as("%d semantic entries in time", count).isLessThan(deadline);
            Thread.onSpinWait();
        }
    }

    @Test
    void aParaphraseCachedByOneReplicaHitsOnTheOtherAndADroppedScopeGoesOnBoth() {
        String w = "zq" + UUID.randomUUID().toString().substring(0, 8);
        long before = semanticEntries(second);
        HttpResponse<String> made = SemanticCacheTest.openAi(first, Gateway.KEY, "Where is the Eiffel Tower " + w);
        assertThat(made.headers().firstValue("x-cache")).hasValue("MISS");
        awaitEntries(second, before + 1);

        HttpResponse<String> hit = SemanticCacheTest.openAi(second, Gateway.KEY, "where is the eiffel tower, "
                + w + "?");

        assertThat(hit.headers().firstValue("x-cache-kind")).hasValue("semantic");
        assertThat(Json.MAPPER.readTree(hit.body()).at("/choices/0/message/content").asString())
                .isEqualTo("Shared by meaning");
        assertThat(upstream.requests().stream().filter(r -> r.path().endsWith("/chat/completions")).count())
                .isEqualTo(1);

        HttpResponse<String> dropped = first.request("DELETE", "/api/admin/cache?scope=gateway-key:tests", "",
                "authorization", "Bearer " + SemanticCacheTest.ADMIN_KEY);
        assertThat(dropped.statusCode()).isEqualTo(200);
        assertThat(Json.MAPPER.readTree(dropped.body()).path("semantic_deleted").asLong()).isPositive();
        awaitEntries(second, 0);
    }
}
