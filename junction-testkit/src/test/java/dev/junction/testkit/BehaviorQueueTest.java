package dev.junction.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BehaviorQueueTest extends MockUpstreamTestBase {

    @Test
    void queuedBehavioursServeRequestsInOrderBeforeTheDefault() {
        mock.setDefault(Behavior.reply("default"));
        mock.enqueue(Behavior.status(503));
        mock.enqueue(Behavior.reply("second"));

        assertThat(client.post(WireClient.chat("hi")).statusCode()).isEqualTo(503);
        assertThat(contentOf(client.post(WireClient.chat("hi")).body())).isEqualTo("second");
        assertThat(contentOf(client.post(WireClient.chat("hi")).body())).isEqualTo("default");
        assertThat(contentOf(client.post(WireClient.chat("hi")).body())).isEqualTo("default");
    }

    @Test
    void behaviourEnqueuedWithTimesServesThatManyRequests() {
        mock.enqueue(Behavior.status(500).times(2));

        assertThat(client.post(WireClient.chat("hi")).statusCode()).isEqualTo(500);
        assertThat(client.post(WireClient.chat("hi")).statusCode()).isEqualTo(500);
        assertThat(client.post(WireClient.chat("hi")).statusCode()).isEqualTo(200);
    }

    @Test
    void resetClearsQueueDefaultRecordingsAndCounters() {
        mock.setDefault(Behavior.status(500));
        mock.enqueue(Behavior.status(400));
        client.post(WireClient.chat("hi"));

        mock.reset();

        assertThat(mock.requestCount()).isZero();
        assertThat(mock.requests()).isEmpty();
        assertThat(mock.lastRequest()).isEmpty();
        assertThat(client.post(WireClient.chat("hi")).statusCode()).isEqualTo(200);
    }

    private static String contentOf(String body) {
        return WireClient.parse(body).path("choices").path(0).path("message").path("content").stringValue();
    }
}
