package dev.junction.dialect.cohere;

import dev.junction.dialect.FunctionTools;
import dev.junction.json.Json;
import dev.junction.model.ChatRequest;
import dev.junction.model.ResponseFormat;
import dev.junction.model.Sampling;
import dev.junction.model.ToolChoice;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Writes a {@code /v2/chat} body from a canonical request: messages (see {@link CohereMessages}), {@code tools},
 * {@code tool_choice} ({@code REQUIRED} or {@code NONE}; auto is the default), sampling under Cohere's names
 * ({@code p}, {@code k}, {@code stop_sequences}), {@code response_format} ({@code json_object} with an optional
 * {@code json_schema}), {@code thinking} from the reasoning setting, {@code stream}. Cohere-only fields travel as
 * extension fields of the client's request and are copied as they are: {@code documents}, {@code citation_options},
 * {@code safety_mode}. Stateless.
 */
public final class CohereRequestMapper {

    private static final Set<String> PASSED = Set.of("documents", "citation_options", "safety_mode", "thinking");

    private CohereRequestMapper() {}

    /** The body for {@code model}; fields Cohere cannot express are added to {@code dropped}. */
    public static ObjectNode fromCanonical(ChatRequest request, String model, Set<String> dropped) {
        ObjectNode body = Json.object().put("model", model);
        body.set("messages", CohereMessages.write(request.messages(), dropped));
        if (!request.tools().isEmpty()) {
            ArrayNode tools = body.putArray("tools");
            request.tools().forEach(t -> tools.add(FunctionTools.write(t)));
            request.toolChoice().flatMap(c -> toolChoice(c, dropped)).ifPresent(c -> body.put("tool_choice", c));
        }
        request.parallelToolCalls().ifPresent(p -> dropped.add("parallel_tool_calls"));
        request.responseFormat().ifPresent(f -> responseFormat(f).ifPresent(v -> body.set("response_format", v)));
        sampling(request.sampling(), body, dropped);
        request.reasoning().ifPresent(r -> body.set("thinking", r.disabled()
                ? Json.object().put("type", "disabled")
                : Json.object().put("type", "enabled").put("token_budget", r.budget())));
        body.put("stream", request.stream());
        request.extensions().byDialect().values().stream().findFirst().ifPresent(ext ->
                ext.properties().forEach(e -> {
                    if (PASSED.contains(e.getKey())) {
                        body.set(e.getKey(), e.getValue());
                    }
                }));
        return body;
    }

    /** Cohere knows "must call" and "must not call"; a named tool is approximated by "must call". */
    private static Optional<String> toolChoice(ToolChoice choice, Set<String> dropped) {
        return switch (choice) {
            case ToolChoice.Auto a -> Optional.empty();
            case ToolChoice.None n -> Optional.of("NONE");
            case ToolChoice.Required r -> Optional.of("REQUIRED");
            case ToolChoice.Named n -> {
                dropped.add("tool_choice.function");
                yield Optional.of("REQUIRED");
            }
            case ToolChoice.Allowed a -> {
                dropped.add("tool_choice.allowed_tools");
                yield a.required() ? Optional.of("REQUIRED") : Optional.empty();
            }
        };
    }

    private static Optional<ObjectNode> responseFormat(ResponseFormat format) {
        return switch (format) {
            case ResponseFormat.Text t -> Optional.empty();
            case ResponseFormat.JsonObject j -> Optional.of(Json.object().put("type", "json_object"));
            case ResponseFormat.JsonSchema s -> {
                ObjectNode out = Json.object().put("type", "json_object");
                out.set("json_schema", s.schema());
                yield Optional.of(out);
            }
        };
    }

    private static void sampling(Sampling s, ObjectNode body, Set<String> dropped) {
        s.maxTokens().ifPresent(v -> body.put("max_tokens", v));
        s.temperature().ifPresent(v -> body.put("temperature", v));
        s.topP().ifPresent(v -> body.put("p", v));
        s.topK().ifPresent(v -> body.put("k", v));
        s.seed().ifPresent(v -> body.put("seed", v));
        s.presencePenalty().ifPresent(v -> body.put("presence_penalty", v));
        s.frequencyPenalty().ifPresent(v -> body.put("frequency_penalty", v));
        if (!s.stop().isEmpty()) {
            ArrayNode stop = body.putArray("stop_sequences");
            s.stop().forEach(stop::add);
        }
        s.n().stream().filter(n -> n > 1).findAny().ifPresent(n -> dropped.add("n"));
        s.logprobs().filter(Boolean::booleanValue).ifPresent(l -> body.put("logprobs", true));
    }
}
