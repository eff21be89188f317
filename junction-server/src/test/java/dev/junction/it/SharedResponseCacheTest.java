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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Redis backend, shared by two gateways: an entry one makes is served by the other, in another dialect; it
 * expires by the gateways' clock; another caller's identical request is a miss.
 */
class SharedResponseCacheTest {

    static final String PREFIX = "junction-test:" + UUID.randomUUID() + ":cache:";
    static final ManualClock CLOCK = ManualClock.at("2026-12-07T12:00:00Z");
    static MockUpstream upstream;
    static Gateway first;
    static Gateway second;
    static io.lettuce.core.RedisClient client;
    static io.lettuce.core.api.StatefulRedisConnection<String, String> REDIS;

    @BeforeAll
    static void start() {
        upstream = MockUpstream.start();
        client = io.lettuce.core.RedisClient.create(Backend.REDIS_URL);
        REDIS = client.connect();
        String yaml = """
                keys: [{name: tests, key: %s}, {name: other, key: %s}]
                redis: {url: %s}
                cache: {backend: redis, ttl: 60s, redis_prefix: "%s"}
                routes:
                  cached: {steps: [{provider: openai, model: gpt-4o}]}
                """.formatted(Gateway.KEY, ResponseCacheTest.OTHER_KEY, Backend.REDIS_URL, PREFIX);
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
        REDIS.close();
        client.shutdown();
    }

    @BeforeEach
    void reset() {
        upstream.reset();
        upstream.setDefault(Behavior.reply("Shared words"));
    }

    /**
     * Waits until Redis holds {@code count} entries of this test: a miss is stored when its request is over, just
     * after the client has the answer.
     */
    private static final String PATTERN = "{" + PREFIX.substring(0, PREFIX.length() - 1) + "}:*";

    private static long entries() {
        return REDIS.sync().keys(PATTERN).size();
    }

    private static void awaitEntries(long count) {
        String pattern = PATTERN;
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (REDIS.sync().keys(pattern).size() < count) {
            assertThat(System.nanoTime()).as("%d entries stored in time", count).isLessThan(deadline);
            Thread.onSpinWait();
        }
    }

    /** A new prompt, asked of the first gateway, once its answer is in Redis. */
    private static String storedByTheFirstGateway(String label) {
        String prompt = label + UUID.randomUUID();
        long entries = entries();
        assertThat(openAi(first, Gateway.KEY, prompt).headers().firstValue("x-cache")).hasValue("MISS");
        awaitEntries(entries + 1);
        return prompt;
    }

    private static HttpResponse<String> openAi(Gateway gateway, String key, String prompt) {
        return gateway.post("/v1/chat/completions", """
                {"model":"cached","temperature":0,"max_tokens":256,"messages":[{"role":"user","content":"%s"}]}"""
                .formatted(prompt), "authorization", "Bearer " + key);
    }

    private static HttpResponse<String> anthropicStream(Gateway gateway, String prompt) {
        return gateway.post("/v1/messages", """
                {"model":"cached","temperature":0,"max_tokens":256,"stream":true,
                 "messages":[{"role":"user","content":"%s"}]}""".formatted(prompt), "x-api-key", Gateway.KEY);
    }

    @Test
    void anEntryMadeOnOneGatewayIsServedByTheOtherInAnotherDialect() {
        String prompt = "shared " + UUID.randomUUID();
        long entries = entries();
        assertThat(openAi(first, Gateway.KEY, prompt).headers().firstValue("x-cache")).hasValue("MISS");
        awaitEntries(entries + 1);

        HttpResponse<String> hit = anthropicStream(second, prompt);

        assertThat(hit.headers().firstValue("x-cache")).hasValue("HIT");
        SseFrames frames = SseFrames.parse(hit.body());
        StringBuilder text = new StringBuilder();
        frames.frames().stream().filter(f -> f.event().filter("content_block_delta"::equals).isPresent())
                .forEach(f -> text.append(f.json().at("/delta/text").asString()));
        assertThat(text.toString()).isEqualTo("Shared words");
        assertThat(frames.last().event()).hasValue("message_stop");
        assertThat(upstream.requestCount()).isEqualTo(1);
    }

    @Test
    void aSharedEntryExpiresByTheGatewaysClock() {
        String prompt = storedByTheFirstGateway("expiring ");
        assertThat(openAi(second, Gateway.KEY, prompt).headers().firstValue("x-cache")).hasValue("HIT");

        CLOCK.advance(Duration.ofSeconds(61));

        assertThat(openAi(second, Gateway.KEY, prompt).headers().firstValue("x-cache")).hasValue("MISS");
    }

    @Test
    void anotherCallersIdenticalRequestIsAMissOnTheOtherGateway() {
        String prompt = storedByTheFirstGateway("scoped ");

        HttpResponse<String> other = openAi(second, ResponseCacheTest.OTHER_KEY, prompt);

        assertThat(other.headers().firstValue("x-cache")).hasValue("MISS");
        assertThat(Json.MAPPER.readTree(other.body()).at("/choices/0/message/content").asString())
                .isEqualTo("Shared words");
    }
}
