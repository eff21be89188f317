package dev.junction.dialect.responses;

import static dev.junction.json.Json.optBoolean;
import static dev.junction.json.Json.optDouble;
import static dev.junction.json.Json.optInt;
import static dev.junction.json.Json.optString;
import static dev.junction.json.Json.requireString;

import dev.junction.json.Json;
import dev.junction.model.ChatRequest;
import dev.junction.model.Dialect;
import dev.junction.model.Extensions;
import dev.junction.model.GatewayError;
import dev.junction.model.GatewayException;
import dev.junction.model.Reasoning;
import dev.junction.model.Sampling;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Maps a Responses request body ({@code POST /v1/responses}) to the canonical {@link ChatRequest} and back. Fields
 * without a canonical meaning ({@code store}, {@code include}, {@code previous_response_id}, {@code truncation},
 * {@code service_tier}, {@code background}, built-in tools, {@code text.verbosity}, {@code reasoning.summary}, …)
 * are kept as {@link Extensions} of {@link Dialect#OPENAI_RESPONSES}; {@link ResponsesOnlyFeatures} makes the other
 * dialects refuse or name those that matter. Invalid input fails with a {@link GatewayException} carrying a 400 that
 * names the offending field. Pure functions; thread safe.
 */
public final class ResponsesRequestMapper {

    /** Top-level fields the canonical model represents; every other field is an extension. */
    private static final Set<String> MAPPED = Set.of("model", "input", "instructions", "tools", "tool_choice",
            "parallel_tool_calls", "text", "reasoning", "max_output_tokens", "temperature", "top_p", "top_logprobs",
            "stream", "user", "metadata");

    /** The {@code include} value that asks for token log probabilities. */
    static final String LOGPROBS = "message.output_text.logprobs";

    private ResponsesRequestMapper() {}

    /** Reads a client's request body; reasoning sealed with {@link ReasoningSeal#PLAIN} is opened. */
    public static ChatRequest toCanonical(ObjectNode body) {
        return toCanonical(body, ReasoningSeal.PLAIN);
    }

    /**
     * Reads a client's request body, validating it like the API does. Reasoning items whose
     * {@code encrypted_content} {@code seal} made are restored to the thinking they carry; OpenAI's own become
     * thinking tagged as issued by {@link Dialect#OPENAI_RESPONSES}.
     */
    public static ChatRequest toCanonical(ObjectNode body, ReasoningSeal seal) {
        String model = requireString(body, "model", "model");
        if (model.isBlank() || model.length() > 256 || model.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            // The name ends up in response headers and logs: control characters would corrupt both.
            throw GatewayException.invalid("model", "Invalid 'model': 1 to 256 characters, no control characters.");
        }
        ObjectNode extra = Json.object();
        for (Map.Entry<String, JsonNode> field : body.properties()) {
            if (!MAPPED.contains(field.getKey())) {
                extra.set(field.getKey(), field.getValue());
            }
        }
        ResponsesTools.Read tools = ResponsesTools.read(body.get("tools"));
        if (!tools.builtIn().isEmpty()) {
            extra.set("tools", tools.builtIn());
        }
        if (ResponsesTools.isBuiltInChoice(body.get("tool_choice"))) {
            extra.set("tool_choice", body.get("tool_choice"));
        }
        ResponsesTextFormat.Read text = ResponsesTextFormat.read(body.get("text"));
        if (!text.rest().isEmpty()) {
            extra.set("text", text.rest());
        }
        Optional<Reasoning> reasoning = readReasoning(body.get("reasoning"), extra);
        List<String> include = ResponsesOptions.include(body.get("include"));
        return new ChatRequest(model, ResponsesInputReader.read(body, seal), tools.functions(),
                ResponsesTools.readChoice(body.get("tool_choice")),
                optBoolean(body, "parallel_tool_calls", "parallel_tool_calls"), readSampling(body, include),
                text.format(), reasoning, optBoolean(body, "stream", "stream").orElse(false), true,
                ResponsesOptions.metadata(body.get("metadata")), optString(body, "user", "user")
                        .or(() -> optString(body, "safety_identifier", "safety_identifier")),
                Extensions.of(Dialect.OPENAI_RESPONSES, extra));
    }

    /**
     * Writes a body for an OpenAI (or Azure) Responses upstream from a client of any dialect. The upstream is told
     * not to store the response ({@code store: false}) and, when the request reasons, to return its reasoning
     * encrypted ({@code include: ["reasoning.encrypted_content"]}) so that the next turn can replay it statelessly.
     * What Responses cannot express ({@code stop}, {@code seed}, penalties, {@code top_k}) is named in
     * {@code dropped}; more than one choice is a 400.
     */
    public static ObjectNode fromCanonical(ChatRequest request, Set<String> dropped) {
        if (request.sampling().n().orElse(1) > 1) {
            throw new GatewayException(new GatewayError.InvalidRequest("OpenAI Responses models cannot return "
                    + "more than one choice (n=" + request.sampling().n().getAsInt() + ").", Optional.of("n"),
                    Optional.empty()));
        }
        Optional<ObjectNode> ext = request.extensions().get(Dialect.OPENAI_RESPONSES);
        ObjectNode body = Json.object().put("model", request.model());
        ResponsesInputWriter.Written conversation = ResponsesInputWriter.write(request.messages(), dropped);
        conversation.instructions().ifPresent(i -> body.put("instructions", i));
        body.set("input", conversation.input());
        ResponsesRequestWriter writer = new ResponsesRequestWriter(request, ext, body, dropped);
        writer.tools();
        writer.sampling();
        writer.textAndReasoning();
        writer.storeAndInclude();
        writer.identity();
        writer.restore();
        return body;
    }

    private static Optional<Reasoning> readReasoning(JsonNode reasoning, ObjectNode extra) {
        if (reasoning == null || reasoning.isNull()) {
            return Optional.empty();
        }
        if (!reasoning.isObject()) {
            throw GatewayException.invalid("reasoning", "Invalid type for 'reasoning': expected an object.");
        }
        optString(reasoning, "summary", "reasoning.summary");
        ObjectNode rest = ((ObjectNode) reasoning).deepCopy();
        rest.remove("effort");
        if (!rest.isEmpty()) {
            extra.set("reasoning", rest);
        }
        return optString(reasoning, "effort", "reasoning.effort").map(Reasoning::ofEffort);
    }

    private static Sampling readSampling(ObjectNode body, List<String> include) {
        OptionalInt maxTokens = optInt(body, "max_output_tokens", "max_output_tokens");
        if (maxTokens.isPresent() && maxTokens.getAsInt() < 1) {
            throw GatewayException.invalid("max_output_tokens", "Invalid 'max_output_tokens': must be at least 1.");
        }
        OptionalInt topLogprobs = optInt(body, "top_logprobs", "top_logprobs");
        Optional<Boolean> logprobs = include.contains(LOGPROBS) ? Optional.of(true) : Optional.empty();
        return new Sampling(maxTokens, optDouble(body, "temperature", "temperature"), optDouble(body, "top_p",
                "top_p"), OptionalInt.empty(), List.of(), OptionalLong.empty(), OptionalDouble.empty(),
                OptionalDouble.empty(), OptionalInt.empty(), logprobs, topLogprobs);
    }
}
