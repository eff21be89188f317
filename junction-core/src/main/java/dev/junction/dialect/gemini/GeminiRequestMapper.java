package dev.junction.dialect.gemini;

import static dev.junction.dialect.gemini.GeminiJson.get;

import dev.junction.dialect.responses.ResponsesOnlyFeatures;
import dev.junction.json.Json;
import dev.junction.model.ChatRequest;
import dev.junction.model.Dialect;
import dev.junction.model.Extensions;
import dev.junction.model.GatewayException;
import dev.junction.model.Message;
import dev.junction.model.ToolChoice;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Maps a {@code generateContent} request body to the canonical {@link ChatRequest} and back. The model and the stream
 * flag are not in the body but in the URL ({@code /v1beta/models/{model}:generateContent|streamGenerateContent}).
 * Invalid input fails with a {@link GatewayException} carrying a 400 that names the offending field, as Gemini's
 * {@code INVALID_ARGUMENT} does. Fields without a canonical meaning ({@code safetySettings}, {@code cachedContent},
 * hosted tools, other {@code generationConfig} keys, …) are kept as {@link Extensions} of {@link Dialect#GEMINI}.
 * Pure functions; thread safe.
 */
public final class GeminiRequestMapper {

    /** Top-level fields the canonical model represents (camelCase); every other field is an extension. */
    private static final Set<String> MAPPED = Set.of("contents", "systemInstruction", "tools", "toolConfig",
            "generationConfig", "model");

    /** Extension keys of OpenAI requests whose loss changes the answer, named in the dropped list. */
    private static final Set<String> OPENAI_FEATURES = Set.of("logit_bias", "audio", "modalities",
            "web_search_options");

    private GeminiRequestMapper() {}

    /**
     * Reads a request body.
     *
     * @param model the model named in the URL
     * @param stream whether the URL was {@code :streamGenerateContent}
     */
    public static ChatRequest toCanonical(ObjectNode body, String model, boolean stream) {
        ObjectNode extra = Json.object();
        for (Map.Entry<String, JsonNode> field : body.properties()) {
            if (!MAPPED.contains(GeminiJson.camel(field.getKey()))) {
                extra.set(field.getKey(), field.getValue());
            }
        }
        List<Message> messages = GeminiContents.read(body);
        ArrayNode hosted = Json.MAPPER.createArrayNode();
        var tools = GeminiTools.read(get(body, "tools"), hosted);
        if (!hosted.isEmpty()) {
            extra.set("tools", hosted);
        }
        JsonNode toolConfig = get(body, "toolConfig");
        Optional<ToolChoice> choice = GeminiTools.readChoice(toolConfig);
        if (toolConfig != null && !choice.map(GeminiTools::writeChoice).map(JsonNode.class::cast)
                .orElse(Json.object()).equals(toolConfig)) {
            extra.set("toolConfig", toolConfig); // VALIDATED, retrievalConfig, …: restored as sent
        }
        GeminiGenerationConfig.Read config = GeminiGenerationConfig.read(get(body, "generationConfig"));
        if (!config.extra().isEmpty()) {
            extra.set("generationConfig", config.extra());
        }
        return new ChatRequest(model, messages, tools, choice, Optional.empty(), config.sampling(), config.format(),
                config.reasoning(), stream, true, Map.of(), Optional.empty(), Extensions.of(Dialect.GEMINI, extra));
    }

    /**
     * Writes a request body (without the model, which goes in the URL). Gemini extensions are restored; what Gemini
     * cannot express is left out and its client-facing name added to {@code dropped}.
     *
     * @throws GatewayException for a tool result that answers no earlier tool call (its function name is unknown),
     *     and for the Responses API's built-in tools
     */
    public static ObjectNode fromCanonical(ChatRequest request, Set<String> dropped) {
        ResponsesOnlyFeatures.check(request, "Gemini", dropped);
        ObjectNode body = Json.object();
        GeminiContentsWriter.Written written = GeminiContentsWriter.write(request.messages(), dropped);
        written.systemInstruction().ifPresent(s -> body.set("systemInstruction", s));
        body.set("contents", written.contents());
        Optional<ObjectNode> ext = request.extensions().get(Dialect.GEMINI);
        Optional<ArrayNode> hosted = ext.map(e -> e.get("tools")).filter(JsonNode::isArray).map(ArrayNode.class::cast);
        GeminiTools.write(request.tools(), hosted).ifPresent(t -> body.set("tools", t));
        request.toolChoice().ifPresent(c -> body.set("toolConfig", GeminiTools.writeChoice(c)));
        ObjectNode config = GeminiGenerationConfig.write(request, dropped);
        ext.map(e -> e.get("generationConfig")).filter(JsonNode::isObject)
                .ifPresent(g -> GeminiJson.overlay(config, (ObjectNode) g));
        if (!config.isEmpty()) {
            body.set("generationConfig", config);
        }
        ext.ifPresent(e -> e.properties().forEach(field -> {
            if (!field.getKey().equals("tools") && !field.getKey().equals("generationConfig")) {
                body.set(field.getKey(), field.getValue().deepCopy());
            }
        }));
        noteDropped(request, dropped);
        return body;
    }

    private static void noteDropped(ChatRequest request, Set<String> dropped) {
        // Gemini may always call several functions at once; only turning that off has no counterpart.
        if (request.parallelToolCalls().filter(p -> !p).isPresent()) {
            dropped.add("parallel_tool_calls");
        }
        request.user().ifPresent(u -> dropped.add("user"));
        if (!request.metadata().isEmpty()) {
            dropped.add("metadata");
        }
        request.extensions().get(Dialect.OPENAI_CHAT).ifPresent(ext -> ext.propertyNames().stream()
                .filter(OPENAI_FEATURES::contains).forEach(dropped::add));
    }
}
