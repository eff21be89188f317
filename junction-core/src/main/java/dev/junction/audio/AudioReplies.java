package dev.junction.audio;

import dev.junction.model.GatewayError;
import dev.junction.secret.Redactor;
import dev.junction.upstream.HttpUpstreamClient;
import dev.junction.upstream.JsonReplies;
import dev.junction.upstream.RetryAfter;
import dev.junction.upstream.UpstreamFailure;
import io.vertx.core.Future;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** What audio adapters share in reading replies: errors classified, content types defaulted. */
public final class AudioReplies {

    private AudioReplies() {}

    /** The failure for an error reply read whole, classified by the dialect. */
    public static <T> Future<T> failure(HttpUpstreamClient.Reply.Body reply, String provider,
                                        JsonReplies.Classifier classifier, Redactor redactor) {
        GatewayError error = classifier.classify(reply.status(), reply.body().toString(StandardCharsets.UTF_8),
                RetryAfter.of(reply.headers()), provider, redactor);
        return Future.failedFuture(new UpstreamFailure(error));
    }

    /** The reply's content type, or {@code fallback} when it named none. */
    public static String contentType(HttpUpstreamClient.Relayed reply, String fallback) {
        return Optional.ofNullable(reply.headers().get("content-type")).filter(t -> !t.isBlank()).orElse(fallback);
    }

    /** The content type OpenAI answers a speech request in this encoding with. */
    public static String speechContentType(String format) {
        return switch (format) {
            case "opus" -> "audio/ogg";
            case "aac" -> "audio/aac";
            case "flac" -> "audio/flac";
            case "wav" -> "audio/wav";
            case "pcm" -> "audio/pcm";
            default -> "audio/mpeg";
        };
    }
}
