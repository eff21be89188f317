package dev.junction.stage.extension;

import dev.junction.dialect.anthropic.AnthropicRequestMapper;
import dev.junction.dialect.gemini.GeminiRequestMapper;
import dev.junction.dialect.openai.OpenAiRequestMapper;
import dev.junction.endpoint.ChatOperation;
import dev.junction.model.ChatRequest;
import dev.junction.upstream.ClientRequest;
import java.util.Set;
import java.util.TreeSet;
import tools.jackson.databind.node.ObjectNode;

/**
 * A chat turn with the canonical request an extension rewrote: the client's body is rebuilt from it in the client's
 * own dialect, so that a same-dialect upstream (which copies the body, the fast path) sees the rewrite too, and so
 * does every other upstream (which translates the canonical form).
 */
final class RequestRewrite {

    private RequestRewrite() {
    }

    /** Throws a {@link dev.junction.model.GatewayException} when the rewrite cannot be said in the client's dialect. */
    static ChatOperation apply(ChatOperation chat, ChatRequest rewritten) {
        ClientRequest request = chat.request();
        Set<String> dropped = new TreeSet<>();
        ObjectNode body = switch (request.dialect()) {
            case OPENAI_CHAT -> OpenAiRequestMapper.fromCanonical(rewritten, dropped);
            case ANTHROPIC -> AnthropicRequestMapper.fromCanonical(rewritten, dropped);
            case GEMINI -> GeminiRequestMapper.fromCanonical(rewritten, dropped);
            case OPENAI_RESPONSES, BEDROCK_CONVERSE, COHERE, OLLAMA, ELEVENLABS, DEEPGRAM -> throw new IllegalStateException(
                    "no client speaks " + request.dialect() + " through a chat operation");
        };
        return chat.withRequest(request.withBody(body, rewritten));
    }
}
