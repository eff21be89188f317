package dev.junction.dialect.gemini;

import dev.junction.json.Json;
import dev.junction.model.ChatResponse;
import dev.junction.model.Choice;
import dev.junction.model.ContentPart;
import dev.junction.model.Dialect;
import dev.junction.model.Extensions;
import dev.junction.model.FinishReason;
import dev.junction.model.GatewayError;
import dev.junction.model.GatewayException;
import dev.junction.model.Message;
import dev.junction.model.Role;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Maps a {@code GenerateContentResponse} to the canonical {@link ChatResponse} and back. Function calls get generated
 * ids ({@code call_} + 24 alphanumerics) since Gemini sends none; {@code STOP} with calls finishes as
 * {@link FinishReason#TOOL_CALLS}; a blocked prompt (no candidates) is one empty choice finished by the content
 * filter. Fields the canonical model does not carry (safety ratings, {@code finishMessage}, {@code promptFeedback},
 * token details by modality, …) are kept as Gemini extensions, so a Gemini client gets them back. Thread safe.
 */
public final class GeminiResponseMapper {

    private static final Set<String> MAPPED = Set.of("candidates", "usageMetadata", "modelVersion", "responseId");
    private static final Set<String> CANDIDATE_MAPPED = Set.of("content", "finishReason", "index");
    private static final Set<String> USAGE_MAPPED = Set.of("promptTokenCount", "candidatesTokenCount",
            "totalTokenCount", "thoughtsTokenCount", "cachedContentTokenCount");

    private GeminiResponseMapper() {}

    /**
     * Reads a response body from an upstream.
     *
     * @throws GatewayException (bad gateway) when the body is not a response object
     */
    public static ChatResponse toCanonical(JsonNode body) {
        if (!body.isObject()) {
            throw unreadable("the body is not a JSON object");
        }
        ObjectNode extra = Json.object();
        body.properties().stream().filter(f -> !MAPPED.contains(f.getKey()))
                .forEach(f -> extra.set(f.getKey(), f.getValue()));
        List<Choice> choices = new ArrayList<>();
        ArrayNode candidateExtras = Json.MAPPER.createArrayNode();
        JsonNode candidates = body.path("candidates");
        for (int i = 0; i < candidates.size(); i++) {
            choices.add(readCandidate(candidates.get(i), i));
            ObjectNode extras = candidateExtras.addObject();
            candidates.get(i).properties().stream().filter(f -> !CANDIDATE_MAPPED.contains(f.getKey()))
                    .forEach(f -> extras.set(f.getKey(), f.getValue()));
        }
        if (candidateExtras.valueStream().anyMatch(e -> !e.isEmpty())) {
            extra.set("candidates", candidateExtras);
        }
        if (choices.isEmpty() && body.path("promptFeedback").has("blockReason")) {
            choices.add(new Choice(0, new Message(Role.ASSISTANT, List.of(), Optional.empty()),
                    Optional.of(FinishReason.CONTENT_FILTER), List.of()));
        }
        JsonNode usage = body.get("usageMetadata");
        if (usage != null && usage.isObject()) {
            ObjectNode usageExtras = Json.object();
            usage.properties().stream().filter(f -> !USAGE_MAPPED.contains(f.getKey()))
                    .forEach(f -> usageExtras.set(f.getKey(), f.getValue()));
            if (!usageExtras.isEmpty()) {
                extra.set("usageMetadata", usageExtras);
            }
        }
        return new ChatResponse(body.path("responseId").asString(""), body.path("modelVersion").asString(""),
                Instant.now().getEpochSecond(), choices, GeminiUsage.read(usage),
                Extensions.of(Dialect.GEMINI, extra));
    }

    private static Choice readCandidate(JsonNode candidate, int position) {
        List<ContentPart> parts = new ArrayList<>();
        JsonNode content = candidate.path("content").path("parts");
        try {
            for (int j = 0; j < content.size(); j++) {
                GeminiParts.read(content.get(j), "candidates[" + position + "].content.parts[" + j + "]", false,
                        GeminiParts::newCallId, parts);
            }
        } catch (GatewayException e) {
            throw unreadable(e.getMessage());
        }
        boolean calls = parts.stream().anyMatch(ContentPart.ToolCall.class::isInstance);
        return new Choice(candidate.path("index").asInt(position), new Message(Role.ASSISTANT, parts,
                Optional.empty()), GeminiFinishReasons.read(candidate.path("finishReason").stringValue(null), calls),
                List.of());
    }

    private static GatewayException unreadable(String why) {
        return new GatewayException(new GatewayError.BadGateway("The upstream sent a Gemini response the gateway "
                + "cannot read: " + why, false));
    }

    /** Writes a response body for a Gemini client. */
    public static ObjectNode fromCanonical(ChatResponse response) {
        ObjectNode body = Json.object();
        Optional<ObjectNode> ext = response.extensions().get(Dialect.GEMINI);
        boolean blocked = ext.map(e -> e.path("promptFeedback").has("blockReason")).orElse(false);
        ArrayNode candidates = Json.MAPPER.createArrayNode();
        JsonNode candidateExtras = ext.map(e -> e.path("candidates")).orElse(Json.MAPPER.createArrayNode());
        for (int i = 0; i < response.choices().size(); i++) {
            Choice choice = response.choices().get(i);
            if (blocked && choice.message().content().isEmpty()) {
                continue; // the prompt was blocked: Gemini sends no candidate at all
            }
            ObjectNode candidate = candidates.addObject();
            candidate.set("content", content(choice.message().content()));
            choice.finishReason().ifPresent(r -> candidate.put("finishReason", GeminiFinishReasons.write(r)));
            candidate.put("index", choice.index());
            if (candidateExtras.get(i) instanceof ObjectNode extras) {
                GeminiJson.overlay(candidate, extras);
            }
        }
        if (!candidates.isEmpty()) {
            body.set("candidates", candidates);
        }
        ObjectNode usage = GeminiUsage.write(response.usage());
        ext.map(e -> e.get("usageMetadata")).filter(JsonNode::isObject).ifPresent(u -> {
            GeminiJson.overlay(usage, (ObjectNode) u);
            // Tool-use prompt tokens were counted into the canonical input: take them out of the prompt again.
            long toolUse = Json.count(u, "toolUsePromptTokenCount");
            usage.put("promptTokenCount", Math.max(0, response.usage().inputTokens() - toolUse));
        });
        body.set("usageMetadata", usage);
        body.put("modelVersion", response.model());
        body.put("responseId", response.id());
        ext.ifPresent(e -> e.properties().stream()
                .filter(f -> !Set.of("candidates", "usageMetadata").contains(f.getKey()))
                .forEach(f -> body.set(f.getKey(), f.getValue().deepCopy())));
        return body;
    }

    /** A candidate's content: the parts, with signatures shown as a Gemini client sees them. */
    static ObjectNode content(List<ContentPart> parts) {
        GeminiPartWriter writer = new GeminiPartWriter(new HashSet<>());
        parts.forEach(p -> writer.write(p, false));
        ObjectNode content = Json.object();
        if (!writer.isEmpty()) {
            content.set("parts", writer.parts());
        }
        content.put("role", "model");
        return content;
    }
}
