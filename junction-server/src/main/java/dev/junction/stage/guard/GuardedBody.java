package dev.junction.stage.guard;

import dev.junction.dialect.anthropic.AnthropicRequestMapper;
import dev.junction.dialect.gemini.GeminiRequestMapper;
import dev.junction.dialect.openai.OpenAiRequestMapper;
import dev.junction.endpoint.ChatOperation;
import dev.junction.endpoint.responses.ResponsesOperation;
import dev.junction.model.ChatRequest;
import dev.junction.pipeline.Operation;
import dev.junction.upstream.ClientRequest;
import java.util.Optional;
import java.util.function.Function;
import tools.jackson.databind.node.ObjectNode;

/**
 * The client's body of an operation whose prose the guardrails read and mask: a chat turn of the three chat dialects,
 * or a Responses API request (its input items and instructions, with the conversation it continues). Rewriting
 * gives the operation with the masked body, its canonical form derived from it again. Immutable.
 */
record GuardedBody(ObjectNode body, Function<ObjectNode, Operation> rewrite) {

    /** The guarded body of {@code operation}, empty for operations without one (embeddings are guarded apart). */
    static Optional<GuardedBody> of(Operation operation) {
        return switch (operation) {
            case ChatOperation chat -> Optional.of(new GuardedBody(chat.request().body(),
                    masked -> chat.withRequest(chat.request().withBody(masked, canonical(chat, masked)))));
            case ResponsesOperation responses -> Optional.of(new GuardedBody(responses.body(), responses::withBody));
            default -> Optional.empty();
        };
    }

    /** The canonical form of a masked chat body, read by the client dialect's own mapper. */
    private static ChatRequest canonical(ChatOperation chat, ObjectNode masked) {
        ClientRequest request = chat.request();
        return switch (request.dialect()) {
            case OPENAI_CHAT -> OpenAiRequestMapper.toCanonical(masked);
            case ANTHROPIC -> AnthropicRequestMapper.toCanonical(masked);
            case GEMINI -> GeminiRequestMapper.toCanonical(masked, request.model(), request.stream());
            case OPENAI_RESPONSES, BEDROCK_CONVERSE, COHERE, OLLAMA, ELEVENLABS, DEEPGRAM -> throw new IllegalStateException(
                    "no client speaks " + request.dialect() + " through a chat operation");
        };
    }
}
