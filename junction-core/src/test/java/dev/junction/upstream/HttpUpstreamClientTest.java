package dev.junction.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.model.GatewayError;
import dev.junction.provider.Timeouts;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Network failures as clients see them: the provider named, the upstream's address withheld. */
class HttpUpstreamClientTest {

    private final Vertx vertx = Vertx.vertx();
    private final HttpUpstreamClient client = new HttpUpstreamClient(vertx, 4);

    @AfterEach
    void stop() throws Exception {
        client.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void aRefusedConnectionNamesTheProviderButNotTheUpstreamsHostOrPort() throws Exception {
        int closedPort = closedPort();

        GatewayError error = failureOf(new HttpUpstreamClient.Exchange("http://127.0.0.1:" + closedPort
                + "/v1/chat/completions", MultiMap.caseInsensitiveMultiMap(), Buffer.buffer("{}"), false, "acme"));

        assertThat(error).isInstanceOf(GatewayError.Unavailable.class);
        assertThat(error.message()).isEqualTo("Could not connect to the upstream provider 'acme': the connection was"
                + " refused.");
        assertThat(error.message()).doesNotContain("127.0.0.1").doesNotContain(Integer.toString(closedPort));
    }

    /** The error the exchange fails with; it must fail. */
    private GatewayError failureOf(HttpUpstreamClient.Exchange exchange) throws Exception {
        Timeouts timeouts = new Timeouts(Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofSeconds(5),
                Duration.ofSeconds(10));
        CompletableFuture<GatewayError> failure = new CompletableFuture<>();
        client.send(exchange, timeouts, new Cancellation()).onComplete(ar -> failure.complete(ar.failed()
                ? UpstreamFailure.errorOf(ar.cause()) : new GatewayError.Internal("the exchange succeeded")));
        return failure.get(30, TimeUnit.SECONDS);
    }

    /** A local port that nothing listens on: bound, then closed again. */
    private static int closedPort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
