package dev.junction.dialect.anthropic;

import dev.junction.model.Dialect;
import dev.junction.upstream.UpstreamCall;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.node.ObjectNode;

/**
 * How a host of Claude wants Anthropic's Messages body and its version: Anthropic's own API takes the model in the
 * body and the version as the {@code anthropic-version} header ({@link #ANTHROPIC}); a cloud may name the model in its
 * URL and the version in the body (Vertex AI). Where the request goes and its credential are the
 * {@code UpstreamEndpoint}'s. Implementations are stateless and thread safe.
 */
@FunctionalInterface
public interface MessagesEnvelope {

    /** The API version sent for clients of other dialects. */
    String DEFAULT_VERSION = "2023-06-01";

    /**
     * Anthropic's own API: the body as it is (it names the upstream model), the client's {@code anthropic-version}
     * or the default, and an Anthropic client's {@code anthropic-beta}.
     */
    MessagesEnvelope ANTHROPIC = (call, body) -> {
        boolean sameDialect = call.request().dialect() == Dialect.ANTHROPIC;
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("anthropic-version", sameDialect
                ? call.request().header("anthropic-version").orElse(DEFAULT_VERSION) : DEFAULT_VERSION);
        if (sameDialect) {
            call.request().header("anthropic-beta").ifPresent(beta -> headers.put("anthropic-beta", beta));
        }
        return headers;
    };

    /**
     * Shapes {@code body} (the adapter's own copy, naming the upstream model in {@code model}) for the host, and
     * returns the dialect headers the request carries.
     */
    Map<String, String> wrap(UpstreamCall call, ObjectNode body);
}
