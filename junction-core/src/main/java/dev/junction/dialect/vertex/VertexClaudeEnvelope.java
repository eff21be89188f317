package dev.junction.dialect.vertex;

import dev.junction.dialect.anthropic.MessagesEnvelope;
import dev.junction.model.Dialect;
import dev.junction.upstream.UpstreamCall;
import java.util.Map;
import tools.jackson.databind.node.ObjectNode;

/**
 * Claude on Vertex AI: Anthropic's Messages body minus {@code model} (it is in the URL, see {@link VertexEndpoint})
 * and with {@code anthropic_version: vertex-2023-10-16}. An Anthropic client's {@code anthropic-beta} header goes
 * along; its {@code anthropic-version} header does not (the body names Vertex's version). Stateless.
 */
public final class VertexClaudeEnvelope implements MessagesEnvelope {

    /** The API version Vertex AI's Claude models take, in the body. */
    public static final String VERSION = "vertex-2023-10-16";

    @Override
    public Map<String, String> wrap(UpstreamCall call, ObjectNode body) {
        body.remove("model");
        body.put("anthropic_version", VERSION);
        return call.request().dialect() == Dialect.ANTHROPIC
                ? call.request().header("anthropic-beta").map(b -> Map.of("anthropic-beta", b)).orElse(Map.of())
                : Map.of();
    }
}
