package dev.junction.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.events.EventBus;
import dev.junction.events.GatewayEvent;
import dev.junction.events.RequestFinished;
import dev.junction.model.GatewayError;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The gateway's event bus: one {@link RequestFinished} per data-plane request, authenticated or not, with what it
 * asked, in which dialect, its attempts and its failure; a subscriber that throws costs nothing but a count.
 */
class GatewayEventsTest {

    private static final String KEYS = "keys: [{name: tests, key: " + Gateway.KEY + "}]\n";

    private Gateway gateway;
    private final BlockingQueue<GatewayEvent> seen = new LinkedBlockingQueue<>();

    @BeforeEach
    void start() {
        gateway = Gateway.start(KEYS, Map.of(), Clock.systemUTC(), List.of());
        gateway.server().events().subscribe(seen::add);
    }

    @AfterEach
    void stop() {
        gateway.close();
    }

    private RequestFinished next() throws InterruptedException {
        GatewayEvent event = seen.poll(10, TimeUnit.SECONDS);
        assertThat(event).as("an event arrived").isInstanceOf(RequestFinished.class);
        return (RequestFinished) event;
    }

    @Test
    void anAnsweredChatTurnIsPublishedOnceWithItsAttemptAndUsage() throws Exception {
        Instant before = Instant.now();
        assertThat(ClientWire.ANTHROPIC.chat(gateway, "mock/echo", "hello events", true).statusCode()).isEqualTo(200);

        RequestFinished finished = next();
        assertThat(finished.kind()).isEqualTo("request");
        assertThat(finished.operation()).isEqualTo("chat");
        assertThat(finished.dialect()).isEqualTo("anthropic");
        assertThat(finished.authenticated()).isTrue();
        assertThat(finished.succeeded()).isTrue();
        assertThat(finished.request().stream()).isTrue();
        assertThat(finished.request().caller().keyName()).isEqualTo("tests");
        assertThat(finished.request().usage().outputTokens()).isPositive();
        assertThat(finished.attempts()).singleElement().satisfies(a -> {
            assertThat(a.step().id()).isEqualTo("mock/echo");
            assertThat(a.error()).isEmpty();
        });
        assertThat(finished.firstByteNanos()).isPositive().isLessThanOrEqualTo(finished.durationNanos());
        assertThat(finished.at()).isAfterOrEqualTo(before);
        Thread.sleep(200);
        assertThat(seen).as("no second event for the same request").isEmpty();
    }

    @Test
    void aFailedRequestCarriesItsErrorAndAnUnauthenticatedOneIsPublishedToo() throws Exception {
        assertThat(ClientWire.OPENAI.chat(gateway, "mock/fail", "x", false).statusCode()).isEqualTo(503);
        RequestFinished failed = next();
        assertThat(failed.failure()).get().isInstanceOf(GatewayError.Unavailable.class);
        assertThat(failed.succeeded()).isFalse();
        assertThat(failed.attempts()).singleElement().satisfies(a -> assertThat(a.error()).isPresent());

        HttpResponse<String> anonymous = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(gateway.baseUrl() + "/v1/models")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(anonymous.statusCode()).isEqualTo(401);
        RequestFinished refused = next();
        assertThat(refused.authenticated()).isFalse();
        assertThat(refused.request().status()).isEqualTo(401);
        assertThat(refused.request().caller().keyName()).doesNotContain(Gateway.KEY);
    }

    @Test
    void embeddingsTokenCountsAndUnknownPathsAreNamed() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> embedded = http.send(HttpRequest.newBuilder(URI.create(gateway.baseUrl()
                        + "/v1/embeddings")).header("authorization", "Bearer " + Gateway.KEY)
                .header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"mock/echo\",\"input\":\"hi\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(embedded.statusCode()).isEqualTo(200);
        assertThat(next().operation()).isEqualTo("embeddings");

        HttpResponse<String> counted = http.send(HttpRequest.newBuilder(URI.create(gateway.baseUrl()
                        + "/v1/messages/count_tokens")).header("x-api-key", Gateway.KEY)
                .header("anthropic-version", "2023-06-01").header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"model\":\"mock/echo\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(counted.statusCode()).isEqualTo(200);
        RequestFinished count = next();
        assertThat(count.operation()).isEqualTo("count_tokens");
        assertThat(count.dialect()).isEqualTo("anthropic");

        HttpResponse<String> unknown = http.send(HttpRequest.newBuilder(URI.create(gateway.baseUrl()
                + "/v1/nothing-here")).header("authorization", "Bearer " + Gateway.KEY).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(unknown.statusCode()).isEqualTo(404);
        RequestFinished other = next();
        assertThat(other.operation()).isEqualTo("other");
        assertThat(other.request().status()).isEqualTo(404);
    }

    @Test
    void aSubscriberThatThrowsIsCountedAndTheRequestAndOtherSubscribersAreUnharmed() throws Exception {
        EventBus events = gateway.server().events();
        events.subscribe(e -> {
            throw new IllegalStateException("broken observer");
        });

        assertThat(ClientWire.OPENAI.chat(gateway, "mock/echo", "still fine", false).statusCode()).isEqualTo(200);

        assertThat(next().succeeded()).isTrue();
        assertThat(events.subscriberFailures()).isEqualTo(1);
    }
}
