package dev.junction.dialect.ollama;

import dev.junction.dialect.FunctionTools;
import dev.junction.json.Json;
import dev.junction.model.ChatRequest;
import dev.junction.model.ResponseFormat;
import dev.junction.model.Sampling;
import dev.junction.model.ToolChoice;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Writes an {@code /api/chat} body from a canonical request: messages (see {@link OllamaMessages}), {@code tools},
 * {@code format} ({@code "json"} or the schema), sampling under {@code options} ({@code num_predict} for max
 * tokens), {@code think} from the reasoning setting, {@code stream}. Ollama-only settings travel as extension fields
 * of the client's request: {@code keep_alive} and {@code options} (merged over the mapped ones, e.g.
 * {@code num_ctx}); a provider sets its own default with {@code params: {defaults: {keep_alive: …}}}. Stateless.
 */
public final class OllamaRequestMapper {

    /** Extension fields of the client's request that are copied to the Ollama body as they are. */
    private static final Set<String> PASSED = Set.of("keep_alive", "think");

    private OllamaRequestMapper() {}

    /**
     * The body for {@code model}. Fields Ollama cannot express are added to {@code dropped}.
     *
     * @throws dev.junction.model.GatewayException for a tool call whose arguments are not a JSON object
     */
    public static ObjectNode fromCanonical(ChatRequest request, String model, Set<String> dropped) {
        ObjectNode body = Json.object().put("model", model);
        body.set("messages", OllamaMessages.write(request.messages(), dropped));
        if (!request.tools().isEmpty() && !(request.toolChoice().orElse(null) instanceof ToolChoice.None)) {
            ArrayNode tools = body.putArray("tools");
            request.tools().forEach(t -> tools.add(FunctionTools.write(t)));
        }
        request.toolChoice().filter(c -> !(c instanceof ToolChoice.Auto) && !(c instanceof ToolChoice.None))
                .ifPresent(c -> dropped.add("tool_choice"));
        request.parallelToolCalls().ifPresent(p -> dropped.add("parallel_tool_calls"));
        request.responseFormat().ifPresent(f -> format(f).ifPresent(v -> body.set("format", v)));
        ObjectNode options = options(request.sampling(), dropped);
        request.reasoning().ifPresent(r -> body.put("think", !r.disabled()));
        body.put("stream", request.stream());
        extensions(request).ifPresent(ext -> {
            ext.properties().forEach(e -> {
                if (PASSED.contains(e.getKey())) {
                    body.set(e.getKey(), e.getValue());
                }
            });
            if (ext.get("options") instanceof ObjectNode extra) {
                options.setAll(extra);
            }
        });
        if (!options.isEmpty()) {
            body.set("options", options);
        }
        return body;
    }

    /** The extension fields the client sent in its own dialect, if any: Ollama's own names are read from there. */
    private static Optional<ObjectNode> extensions(ChatRequest request) {
        return request.extensions().byDialect().values().stream().findFirst();
    }

    private static Optional<JsonNode> format(ResponseFormat format) {
        return switch (format) {
            case ResponseFormat.Text t -> Optional.empty();
            case ResponseFormat.JsonObject j -> Optional.of(Json.MAPPER.getNodeFactory().stringNode("json"));
            case ResponseFormat.JsonSchema s -> Optional.of(s.schema());
        };
    }

    private static ObjectNode options(Sampling s, Set<String> dropped) {
        ObjectNode options = Json.object();
        s.maxTokens().ifPresent(v -> options.put("num_predict", v));
        s.temperature().ifPresent(v -> options.put("temperature", v));
        s.topP().ifPresent(v -> options.put("top_p", v));
        s.topK().ifPresent(v -> options.put("top_k", v));
        s.seed().ifPresent(v -> options.put("seed", v));
        s.presencePenalty().ifPresent(v -> options.put("presence_penalty", v));
        s.frequencyPenalty().ifPresent(v -> options.put("frequency_penalty", v));
        if (!s.stop().isEmpty()) {
            ArrayNode stop = options.putArray("stop");
            s.stop().forEach(stop::add);
        }
        s.n().stream().filter(n -> n > 1).findAny().ifPresent(n -> dropped.add("n"));
        s.logprobs().filter(Boolean::booleanValue).ifPresent(l -> dropped.add("logprobs"));
        return options;
    }
}
