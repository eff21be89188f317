package dev.junction.upstream;

import dev.junction.json.Json;
import dev.junction.model.Dialect;
import dev.junction.model.GatewayError;
import dev.junction.model.Usage;
import dev.junction.secret.Redactor;
import io.vertx.core.Future;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;

/**
 * Turns an upstream's reply to a chat request into an {@link UpstreamReply} of its dialect: a stream as a wire
 * stream, an error status as a failure classified by the dialect, a JSON object as a complete body with its usage.
 * For adapters whose upstream dialect no client speaks, so that no body needs to stay unparsed. Stateless.
 *
 * @param dialect the upstream's dialect
 * @param classifier the dialect's classification of error replies
 * @param usage reads the usage from a complete body
 */
public record WireReplies(Dialect dialect, JsonReplies.Classifier classifier, Function<JsonNode, Usage> usage,
                          Redactor redactor) {

    /** The reply, or a failed future with an {@link UpstreamFailure}. */
    public Future<UpstreamReply> of(HttpUpstreamClient.Reply reply, String provider, Set<String> dropped) {
        return switch (reply) {
            case HttpUpstreamClient.Reply.Stream s -> Future.succeededFuture(new UpstreamReply.WireStream(dialect,
                    s.events(), dropped, RateLimitHeaders.of(s.headers())));
            case HttpUpstreamClient.Reply.Body b when b.status() >= 400 -> Future.failedFuture(new UpstreamFailure(
                    classifier.classify(b.status(), b.body().toString(StandardCharsets.UTF_8),
                            RetryAfter.of(b.headers()), provider, redactor)));
            case HttpUpstreamClient.Reply.Body b -> {
                Optional<JsonNode> json = Json.tryParse(b.body().getBytes()).filter(JsonNode::isObject);
                if (json.isEmpty()) {
                    yield Future.failedFuture(new UpstreamFailure(new GatewayError.BadGateway(
                            "The upstream provider '" + provider + "' returned a body that is not JSON.", true)));
                }
                yield Future.succeededFuture(new UpstreamReply.Complete(dialect, b.body(), usage.apply(json.get()),
                        dropped, RateLimitHeaders.of(b.headers())));
            }
        };
    }
}
