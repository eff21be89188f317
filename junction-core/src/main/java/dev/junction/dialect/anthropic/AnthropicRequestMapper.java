package dev.junction.dialect.anthropic;

import static dev.junction.json.Json.optBoolean;
import static dev.junction.json.Json.optDouble;
import static dev.junction.json.Json.optInt;
import static dev.junction.json.Json.optString;
import static dev.junction.json.Json.requireString;

import dev.junction.dialect.responses.ResponsesOnlyFeatures;
import dev.junction.json.Json;
import dev.junction.model.ChatRequest;
import dev.junction.model.Dialect;
import dev.junction.model.Extensions;
import dev.junction.model.GatewayError;
import dev.junction.model.GatewayException;
import dev.junction.model.Reasoning;
import dev.junction.model.ResponseFormat;
import dev.junction.model.Sampling;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Maps a Messages request body ({@code POST /v1/messages}) to the canonical {@link ChatRequest} and back. Fields
 * without a canonical meaning ({@code service_tier}, {@code container}, {@code mcp_servers}, server tools, the exact
 * {@code thinking} object, …) are kept as {@link Extensions} of {@link Dialect#ANTHROPIC}. Invalid input fails with
 * a {@link GatewayException} carrying a 400 that names the offending field. Pure functions; thread safe.
 */
public final class AnthropicRequestMapper {

    /** Top-level fields the canonical model represents; every other field is an extension. */
    private static final Set<String> MAPPED = Set.of("model", "max_tokens", "messages", "system", "stream",
            "temperature", "top_p", "top_k", "stop_sequences", "tools", "tool_choice", "thinking", "output_config",
            "metadata");

    /** Extension fields of other dialects that change the answer, so dropping them is worth reporting. */
    private static final Map<Dialect, List<String>> FOREIGN_FIELDS_THAT_MATTER = Map.of(
            Dialect.OPENAI_CHAT, List.of("logit_bias", "audio", "modalities", "prediction", "web_search_options"),
            Dialect.GEMINI, List.of("safetySettings", "cachedContent"));

    /** Extension keys that are merged into what the mapper writes rather than replacing it. */
    private static final String TOOLS = "tools";
    private static final String OUTPUT_CONFIG = "output_config";

    private AnthropicRequestMapper() {}

    /** Reads a client's request body, validating it like the API does. */
    public static ChatRequest toCanonical(ObjectNode body) {
        String model = requireString(body, "model", "model");
        if (model.isBlank() || model.length() > 256 || model.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            // The name ends up in response headers and logs: control characters would corrupt both.
            throw GatewayException.invalid("model", "model: must be 1 to 256 characters, without control "
                    + "characters");
        }
        int maxTokens = optInt(body, "max_tokens", "max_tokens")
                .orElseThrow(() -> GatewayException.invalid("max_tokens", "max_tokens: Field required"));
        if (maxTokens < 0) {
            throw GatewayException.invalid("max_tokens", "max_tokens: Input should be greater than or equal to 0");
        }
        JsonNode outputConfig = body.get(OUTPUT_CONFIG);
        if (outputConfig != null && !outputConfig.isNull() && !outputConfig.isObject()) {
            throw GatewayException.invalid(OUTPUT_CONFIG, "output_config: Input should be an object");
        }
        AnthropicTools.Read tools = AnthropicTools.read(body.get("tools"));
        AnthropicTools.Choice choice = AnthropicTools.readChoice(body.get("tool_choice"));
        Optional<Reasoning> reasoning = AnthropicReasoning.read(body, maxTokens);
        return new ChatRequest(model, AnthropicMessages.read(body), tools.custom(), choice.choice(),
                choice.parallelToolCalls(), readSampling(body, maxTokens), readFormat(outputConfig), reasoning,
                optBoolean(body, "stream", "stream").orElse(false), true, Map.of(), readUser(body.get("metadata")),
                Extensions.of(Dialect.ANTHROPIC, extensions(body, tools.server())));
    }

    /**
     * Writes a body for an Anthropic upstream from a client of any dialect. Anthropic's own extensions are
     * restored; what cannot be expressed is named in {@code dropped}; what would change the answer if dropped
     * ({@code n > 1}, {@code logprobs}, audio input, unsupported media, the Responses API's built-in tools) fails
     * with a 400.
     *
     * @param dropped receives the client-facing names of the fields left out
     */
    public static ObjectNode fromCanonical(ChatRequest request, Set<String> dropped) {
        ResponsesOnlyFeatures.check(request, "Anthropic", dropped);
        refuseUnsupported(request.sampling());
        Optional<ObjectNode> ext = request.extensions().get(Dialect.ANTHROPIC);
        ObjectNode body = Json.object().put("model", request.model());
        AnthropicReasoning.Plan plan = AnthropicReasoning.plan(request, ext, dropped);
        body.put("max_tokens", plan.maxTokens());
        AnthropicMessages.Written conversation = AnthropicMessages.write(request.messages(), dropped);
        conversation.system().ifPresent(s -> body.put("system", s));
        body.set("messages", conversation.messages());
        ArrayNode tools = AnthropicTools.write(request);
        ext.map(e -> e.get(TOOLS)).filter(ArrayNode.class::isInstance).ifPresent(t -> tools.addAll((ArrayNode) t));
        if (!tools.isEmpty()) {
            body.set(TOOLS, tools);
        }
        AnthropicTools.writeChoice(request, plan.on()).ifPresent(c -> body.set("tool_choice", c));
        if (plan.on() && AnthropicTools.forced(request)) {
            dropped.add("tool_choice");
        }
        plan.thinking().ifPresent(t -> body.set("thinking", t));
        writeSampling(request.sampling(), plan.on(), body, dropped);
        request.responseFormat().ifPresent(f -> writeFormat(f, body, dropped));
        request.user().ifPresent(u -> body.putObject("metadata").put("user_id", u));
        if (!request.metadata().isEmpty()) {
            dropped.add("metadata");
        }
        if (request.stream()) {
            body.put("stream", true);
        }
        ext.ifPresent(e -> restore(e, body));
        reportForeign(request.extensions(), dropped);
        return body;
    }

    private static Sampling readSampling(ObjectNode body, int maxTokens) {
        OptionalDouble temperature = optDouble(body, "temperature", "temperature");
        if (temperature.isPresent() && (temperature.getAsDouble() < 0 || temperature.getAsDouble() > 1)) {
            throw GatewayException.invalid("temperature", "temperature: Input should be between 0 and 1");
        }
        OptionalDouble topP = optDouble(body, "top_p", "top_p");
        if (topP.isPresent() && (topP.getAsDouble() < 0 || topP.getAsDouble() > 1)) {
            throw GatewayException.invalid("top_p", "top_p: Input should be between 0 and 1");
        }
        OptionalInt topK = optInt(body, "top_k", "top_k");
        if (topK.isPresent() && topK.getAsInt() < 0) {
            throw GatewayException.invalid("top_k", "top_k: Input should be greater than or equal to 0");
        }
        return new Sampling(OptionalInt.of(maxTokens), temperature, topP, topK, readStop(body.get("stop_sequences")),
                OptionalLong.empty(), OptionalDouble.empty(), OptionalDouble.empty(), OptionalInt.empty(),
                Optional.empty(), OptionalInt.empty());
    }

    private static List<String> readStop(JsonNode stop) {
        if (stop == null || stop.isNull()) {
            return List.of();
        }
        if (!stop.isArray()) {
            throw GatewayException.invalid("stop_sequences", "stop_sequences: Input should be a valid list");
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < stop.size(); i++) {
            if (!stop.get(i).isString()) {
                throw GatewayException.invalid("stop_sequences", "stop_sequences." + i
                        + ": Input should be a valid string");
            }
            out.add(stop.get(i).stringValue());
        }
        return out;
    }

    private static Optional<ResponseFormat> readFormat(JsonNode outputConfig) {
        JsonNode format = outputConfig == null ? null : outputConfig.get("format");
        if (format == null || format.isNull()) {
            return Optional.empty();
        }
        String type = requireString(format, "type", "output_config.format.type");
        if (!type.equals("json_schema")) {
            throw GatewayException.invalid("output_config.format.type", "output_config.format.type: Input should "
                    + "be 'json_schema'");
        }
        JsonNode schema = format.get("schema");
        if (schema == null || !schema.isObject()) {
            throw GatewayException.invalid("output_config.format.schema", "output_config.format.schema: Field "
                    + "required");
        }
        // Anthropic's format has no name; OpenAI requires one, so the schema gets a neutral one.
        return Optional.of(new ResponseFormat.JsonSchema("response", Optional.empty(), schema, Optional.empty()));
    }

    private static Optional<String> readUser(JsonNode metadata) {
        if (metadata == null || metadata.isNull()) {
            return Optional.empty();
        }
        if (!metadata.isObject()) {
            throw GatewayException.invalid("metadata", "metadata: Input should be an object");
        }
        return optString(metadata, "user_id", "metadata.user_id");
    }

    /** The unmapped top-level fields, the server tools, the exact thinking object and output_config extras. */
    private static ObjectNode extensions(ObjectNode body, ArrayNode serverTools) {
        ObjectNode extra = Json.object();
        for (Map.Entry<String, JsonNode> field : body.properties()) {
            if (!MAPPED.contains(field.getKey())) {
                extra.set(field.getKey(), field.getValue());
            }
        }
        if (!serverTools.isEmpty()) {
            extra.set(TOOLS, serverTools);
        }
        JsonNode thinking = body.get("thinking");
        if (thinking != null && thinking.isObject()) {
            extra.set("thinking", thinking);
        }
        if (body.get(OUTPUT_CONFIG) instanceof ObjectNode config) {
            ObjectNode rest = config.deepCopy();
            rest.remove("format");
            if (!rest.isEmpty()) {
                extra.set(OUTPUT_CONFIG, rest);
            }
        }
        return extra;
    }

    private static void refuseUnsupported(Sampling s) {
        if (s.n().orElse(1) > 1) {
            throw refuse("n", "Anthropic models cannot return more than one choice (n=" + s.n().getAsInt() + ").");
        }
        if (s.logprobs().orElse(false)) {
            throw refuse("logprobs", "Anthropic models do not return log probabilities (logprobs=true).");
        }
    }

    private static void writeSampling(Sampling s, boolean thinking, ObjectNode body, Set<String> dropped) {
        s.temperature().ifPresent(t -> {
            double clamped = Math.min(t, 1.0);
            // With thinking on, the API rejects any temperature but 1.
            if (thinking && clamped != 1.0) {
                dropped.add("temperature");
            } else {
                body.put("temperature", clamped);
            }
        });
        s.topP().ifPresent(p -> {
            if (thinking && p < 0.95) {
                dropped.add("top_p");
            } else {
                body.put("top_p", p);
            }
        });
        s.topK().ifPresent(k -> {
            if (thinking) {
                dropped.add("top_k");
            } else {
                body.put("top_k", k);
            }
        });
        if (!s.stop().isEmpty()) {
            ArrayNode stop = body.putArray("stop_sequences");
            s.stop().forEach(stop::add);
        }
        if (s.seed().isPresent()) {
            dropped.add("seed");
        }
        if (s.presencePenalty().isPresent()) {
            dropped.add("presence_penalty");
        }
        if (s.frequencyPenalty().isPresent()) {
            dropped.add("frequency_penalty");
        }
        if (s.topLogprobs().isPresent()) {
            dropped.add("top_logprobs");
        }
    }

    private static void writeFormat(ResponseFormat format, ObjectNode body, Set<String> dropped) {
        switch (format) {
            case ResponseFormat.Text t -> { }
            // No faithful mapping: a schema of "any object" is not accepted by structured outputs.
            case ResponseFormat.JsonObject j -> dropped.add("response_format");
            case ResponseFormat.JsonSchema js -> body.withObject(OUTPUT_CONFIG).putObject("format")
                    .put("type", "json_schema").set("schema", js.schema());
        }
    }

    /** Puts Anthropic's own extensions back: server tools appended, output_config merged, the rest as sent. */
    private static void restore(ObjectNode ext, ObjectNode body) {
        for (Map.Entry<String, JsonNode> e : ext.properties()) {
            switch (e.getKey()) {
                case TOOLS, "thinking" -> { /* written by fromCanonical */ }
                case OUTPUT_CONFIG -> {
                    ObjectNode config = body.withObject(OUTPUT_CONFIG);
                    e.getValue().properties().forEach(f -> {
                        if (!config.has(f.getKey())) {
                            config.set(f.getKey(), f.getValue());
                        }
                    });
                }
                default -> body.set(e.getKey(), e.getValue());
            }
        }
    }

    private static void reportForeign(Extensions extensions, Set<String> dropped) {
        FOREIGN_FIELDS_THAT_MATTER.forEach((dialect, fields) -> extensions.get(dialect).ifPresent(ext -> {
            for (String field : fields) {
                if (ext.has(field)) {
                    dropped.add(field);
                }
            }
        }));
    }

    private static GatewayException refuse(String param, String message) {
        return new GatewayException(new GatewayError.InvalidRequest(message, Optional.of(param), Optional.empty()));
    }
}
