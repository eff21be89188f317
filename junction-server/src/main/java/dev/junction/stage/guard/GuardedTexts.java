package dev.junction.stage.guard;

import dev.junction.audio.SpeechRequest;
import dev.junction.completion.CompletionRequest;
import dev.junction.dialect.openai.OpenAiLegacyOps;
import dev.junction.endpoint.EmbeddingOperation;
import dev.junction.endpoint.audio.SpeechOperation;
import dev.junction.endpoint.completion.CompletionOperation;
import dev.junction.endpoint.images.ImageOperation;
import dev.junction.endpoint.moderation.ModerationOperation;
import dev.junction.endpoint.rerank.RerankOperation;
import dev.junction.model.EmbeddingRequest;
import dev.junction.moderation.ModerationRequest;
import dev.junction.pipeline.Operation;
import dev.junction.rerank.RerankRequest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The texts of an operation other than a chat turn that the input guardrails read and mask: the inputs to embed, an
 * image prompt (generation or edit), a rerank's query and documents, a moderation's input, a legacy completion's
 * prompts and the text to speak. Rewriting gives the operation with the masked texts, in the same order, in its
 * request and in the client's body where an upstream is sent that body. Immutable.
 *
 * @param texts the texts, in a fixed order
 * @param rewrite the operation with the masked texts (same size and order as {@code texts})
 */
record GuardedTexts(List<String> texts, Function<List<String>, Operation> rewrite) {

    GuardedTexts {
        texts = List.copyOf(texts);
    }

    /** The guarded texts of {@code operation}; empty for operations without any (a variation, a transcription). */
    static Optional<GuardedTexts> of(Operation operation) {
        return switch (operation) {
            case EmbeddingOperation e -> Optional.of(embeddings(e));
            case ImageOperation i when !i.request().prompt().isEmpty() -> Optional.of(new GuardedTexts(
                    List.of(i.request().prompt()),
                    masked -> new ImageOperation(i.request().withPrompt(masked.getFirst()))));
            case RerankOperation r -> Optional.of(rerank(r));
            case ModerationOperation m -> Optional.of(moderation(m));
            case CompletionOperation c -> Optional.of(completion(c));
            case SpeechOperation s -> Optional.of(speech(s));
            default -> Optional.empty();
        };
    }

    private static GuardedTexts embeddings(EmbeddingOperation operation) {
        EmbeddingRequest r = operation.request();
        return new GuardedTexts(r.inputs(), masked -> operation.withRequest(
                new EmbeddingRequest(r.model(), masked, r.dimensions(), r.taskType(), r.user())));
    }

    private static GuardedTexts rerank(RerankOperation operation) {
        RerankRequest r = operation.request();
        List<String> texts = new ArrayList<>(r.documents().size() + 1);
        texts.add(r.query());
        texts.addAll(r.documents());
        return new GuardedTexts(texts, masked -> new RerankOperation(new RerankRequest(r.model(), masked.getFirst(),
                masked.subList(1, masked.size()), r.topN(), r.returnDocuments(), r.maxTokensPerDoc())));
    }

    private static GuardedTexts moderation(ModerationOperation operation) {
        ModerationRequest r = operation.request();
        return new GuardedTexts(r.texts(), masked -> new ModerationOperation(new ModerationRequest(r.model(), masked,
                r.images(), replaced(r.body(), "input", r.texts(), masked))));
    }

    private static GuardedTexts completion(CompletionOperation operation) {
        CompletionRequest r = operation.request();
        // The body's own strings, not the request's prompts: token arrays stand there as placeholders.
        List<String> texts = new ArrayList<>();
        strings(r.body().get("prompt"), texts);
        return new GuardedTexts(texts, masked -> new CompletionOperation(
                OpenAiLegacyOps.completion(replaced(r.body(), "prompt", texts, masked))));
    }

    private static GuardedTexts speech(SpeechOperation operation) {
        SpeechRequest r = operation.request();
        return new GuardedTexts(List.of(r.input()), masked -> new SpeechOperation(new SpeechRequest(r.model(),
                masked.getFirst(), r.voice(), r.responseFormat(), r.speed(), r.instructions(), r.sse(),
                replaced(r.body(), "input", List.of(r.input()), masked))));
    }

    /** The strings of a body field: itself when a string, else its string elements and its parts' {@code text}. */
    private static void strings(JsonNode value, List<String> into) {
        if (value == null) {
            return;
        }
        if (value.isString()) {
            into.add(value.stringValue());
        } else if (value.isArray()) {
            for (JsonNode item : value) {
                if (item.isString()) {
                    into.add(item.stringValue());
                } else if (item.path("text").isString()) {
                    into.add(item.path("text").stringValue());
                }
            }
        }
    }

    /** A copy of {@code body} whose {@code field} has each of {@code from}'s strings replaced by {@code to}'s. */
    private static ObjectNode replaced(ObjectNode body, String field, List<String> from, List<String> to) {
        Map<String, String> masks = new HashMap<>();
        for (int i = 0; i < from.size(); i++) {
            masks.putIfAbsent(from.get(i), to.get(i));
        }
        ObjectNode copy = body.deepCopy();
        JsonNode value = copy.get(field);
        if (value != null && value.isString()) {
            copy.put(field, masks.getOrDefault(value.stringValue(), value.stringValue()));
        } else if (value instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                JsonNode item = array.get(i);
                if (item.isString()) {
                    array.set(i, masks.getOrDefault(item.stringValue(), item.stringValue()));
                } else if (item instanceof ObjectNode part && part.path("text").isString()) {
                    part.put("text", masks.getOrDefault(part.path("text").stringValue(),
                            part.path("text").stringValue()));
                }
            }
        }
        return copy;
    }
}
