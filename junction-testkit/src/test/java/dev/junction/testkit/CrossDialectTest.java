package dev.junction.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** One behaviour queue drives every dialect, and every fault mode works in each. */
@Timeout(10)
class CrossDialectTest extends MockUpstreamTestBase {

    @ParameterizedTest
    @EnumSource(WireDialect.class)
    void echoIsTheSameStringInEveryDialect(WireDialect dialect) {
        HttpResponse<String> response = client.send(dialect.request(mock, "What is 2+2?", false).build());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(dialect.text(WireClient.parse(response.body()))).isEqualTo("Hello from mock upstream: What is 2+2?");
    }

    @ParameterizedTest
    @EnumSource(WireDialect.class)
    void queuedBehavioursServeWhicheverDialectAsksNext(WireDialect dialect) {
        mock.enqueue(Behavior.reply("first").times(2));

        for (WireDialect asking : new WireDialect[] {dialect, WireDialect.values()[(dialect.ordinal() + 1) % 3]}) {
            HttpResponse<String> response = client.send(asking.request(mock, "hi", false).build());
            assertThat(asking.text(WireClient.parse(response.body()))).isEqualTo("first");
        }
        assertThat(dialect.text(WireClient.parse(client.send(dialect.request(mock, "hi", false).build()).body())))
                .isEqualTo("Hello from mock upstream: hi");
    }

    @ParameterizedTest
    @EnumSource(WireDialect.class)
    void behaviourHeadersReplaceTheStandardOnes(WireDialect dialect) {
        mock.enqueue(Behavior.ok().withHeader("X-Test", "yes").withHeader("Content-Type", "application/json"));

        HttpResponse<String> response = client.send(dialect.request(mock, "hi", false).build());

        assertThat(response.headers().firstValue("x-test")).hasValue("yes");
        assertThat(response.headers().firstValue("content-type")).hasValue("application/json");
    }

    @ParameterizedTest
    @EnumSource(WireDialect.class)
    void latencyHoldsBackTheWholeResponse(WireDialect dialect) {
        mock.enqueue(Behavior.ok().withLatency(Duration.ofMillis(300)));

        long start = System.nanoTime();
        HttpResponse<String> response = client.send(dialect.request(mock, "hi", false).build());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
    }

    @ParameterizedTest
    @EnumSource(WireDialect.class)
    void firstByteDelaySendsTheHeadersBeforeTheFirstEvent(WireDialect dialect) throws Exception {
        mock.enqueue(Behavior.ok().withFirstByteDelay(Duration.ofMinutes(1)));

        HttpResponse<InputStream> response = client.open(dialect.request(mock, "hi", true).build());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("text/event-stream"));
        response.body().close();
        assertThat(mock.awaitCancelledStreams(1, Duration.ofSeconds(5))).isTrue();
    }

    @ParameterizedTest
    @EnumSource(WireDialect.class)
    void interEventDelayPacesTheStream(WireDialect dialect) {
        mock.enqueue(Behavior.reply("one two three").withInterEventDelay(Duration.ofMillis(40)));

        long start = System.nanoTime();
        HttpResponse<String> response = client.send(dialect.request(mock, "hi", true).build());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(80));
    }

    @ParameterizedTest
    @EnumSource(WireDialect.class)
    void cutAfterEventsFailsTheClientsBodyReadWithoutCountingAsCancelled(WireDialect dialect) {
        mock.enqueue(Behavior.ok().cutAfterEvents(2));

        assertThatThrownBy(() -> client.send(dialect.request(mock, "hi", true).build()))
                .isInstanceOf(java.io.UncheckedIOException.class);
        assertThat(mock.cancelledStreams()).isZero();
    }

    @ParameterizedTest
    @EnumSource(WireDialect.class)
    void hangingRequestCountsAsCancelledWhenTheClientTimesOut(WireDialect dialect) {
        mock.enqueue(Behavior.hang());

        assertThatThrownBy(() -> client.open(dialect.request(mock, "hi", false).timeout(Duration.ofMillis(100)).build()))
                .isInstanceOf(HttpTimeoutException.class);
        assertThat(mock.awaitCancelledStreams(1, Duration.ofSeconds(5))).isTrue();
    }

    @ParameterizedTest
    @EnumSource(WireDialect.class)
    void fixtureIsServedVerbatimWhateverTheDialect(WireDialect dialect) throws Exception {
        String fixture = WireClient.fixture("response.basic.json").toString();
        mock.enqueue(Behavior.fixture(fixture, 200, "application/json"));

        HttpResponse<String> response = client.send(dialect.request(mock, "hi", false).build());

        assertThat(response.body()).isEqualTo(java.nio.file.Files.readString(java.nio.file.Path.of(fixture)));
    }
}
