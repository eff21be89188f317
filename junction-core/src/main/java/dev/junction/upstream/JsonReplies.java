package dev.junction.upstream;

import dev.junction.json.Json;
import dev.junction.model.GatewayError;
import dev.junction.model.GatewayException;
import dev.junction.secret.Redactor;
import io.vertx.core.Future;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;

/** Turns an upstream's reply to a plain JSON request (embeddings, …) into a value or a classified failure. */
public final class JsonReplies {

    /** A dialect's classification of an upstream error reply ({@code OpenAiErrors::classify}, …). */
    @FunctionalInterface
    public interface Classifier {
        GatewayError classify(int status, String body, Optional<Duration> retryAfter, String provider,
                              Redactor redactor);
    }

    private JsonReplies() {}

    /**
     * The parsed value of a successful JSON reply. Fails with an {@link UpstreamFailure}: classified for an error
     * status, a bad gateway for a stream or a body that is not JSON, and whatever {@code parse} throws as a
     * {@link GatewayException}.
     */
    public static <T> Future<T> read(HttpUpstreamClient.Reply reply, String provider, Classifier classifier,
                                     Redactor redactor, Function<JsonNode, T> parse) {
        if (!(reply instanceof HttpUpstreamClient.Reply.Body b)) {
            return failure(new GatewayError.BadGateway("The upstream provider '" + provider
                    + "' answered with a stream where a JSON body was expected.", false));
        }
        if (b.status() >= 400) {
            return failure(classifier.classify(b.status(), b.body().toString(StandardCharsets.UTF_8),
                    RetryAfter.of(b.headers()), provider, redactor));
        }
        Optional<JsonNode> body = Json.tryParse(b.body().getBytes());
        if (body.isEmpty()) {
            return failure(new GatewayError.BadGateway("The upstream provider '" + provider
                    + "' returned a body that is not JSON.", true));
        }
        try {
            return Future.succeededFuture(parse.apply(body.get()));
        } catch (GatewayException e) {
            return failure(e.error());
        }
    }

    private static <T> Future<T> failure(GatewayError error) {
        return Future.failedFuture(new UpstreamFailure(error));
    }
}
