package dev.junction.alert;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.junction.alert.channel.AlertMessage;
import dev.junction.alert.channel.Channel;
import dev.junction.alert.channel.Channels;
import dev.junction.config.AlertSettings;
import dev.junction.config.AlertSettings.ChannelType;
import dev.junction.secret.Secret;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The delivery queue is bounded: a message beyond it is a dead letter at once, without a request. */
class DeliveriesTest {

    private final CountDownLatch release = new CountDownLatch(1);
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private HttpServer server;

    @AfterEach
    void stop() {
        release.countDown();
        server.stop(0);
        scheduler.shutdownNow();
    }

    @Test
    void aMessageBeyondTheQueueIsADeadLetter() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/", exchange -> {
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.start();
        Channel channel = Channels.create(new AlertSettings.Channel("slow", ChannelType.WEBHOOK,
                Secret.of("http://127.0.0.1:" + server.getAddress().getPort() + "/in"), Optional.empty()));
        AlertMessage message = new AlertMessage(AlertMessage.State.FIRING, "r", "s", "x", Map.of(), Instant.now(),
                "replica");
        try (Deliveries deliveries = new Deliveries(new AlertSettings.Delivery(1, 0, Duration.ofMillis(10),
                Duration.ofSeconds(10)), Clock.systemUTC(), scheduler)) {
            var first = deliveries.send(channel, message);
            DeliveryResult second = deliveries.send(channel, message).get(5, TimeUnit.SECONDS);

            assertThat(second.delivered()).isFalse();
            assertThat(second.tries()).isZero();
            assertThat(second.error()).contains("the delivery queue is full");
            assertThat(deliveries.deadLettered()).isEqualTo(1);
            assertThat(deliveries.queued()).isEqualTo(1);

            release.countDown();
            assertThat(first.get(5, TimeUnit.SECONDS).delivered()).isTrue();
            assertThat(deliveries.delivered()).isEqualTo(1);
            assertThat(deliveries.queued()).isZero();
        }
    }
}
