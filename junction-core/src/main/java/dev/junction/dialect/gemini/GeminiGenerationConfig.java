package dev.junction.dialect.gemini;

import static dev.junction.dialect.gemini.GeminiJson.get;

import dev.junction.json.Json;
import dev.junction.model.ChatRequest;
import dev.junction.model.GatewayException;
import dev.junction.model.Reasoning;
import dev.junction.model.ResponseFormat;
import dev.junction.model.Sampling;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code generationConfig} ⇄ canonical sampling, response format and reasoning. Keys without a canonical meaning stay
 * as Gemini extensions; so do a response format or thinking config that the canonical form would write back
 * differently (a dynamic budget of -1, {@code text/x.enum}, {@code includeThoughts} without a budget, a
 * {@code thinkingLevel}), so a Gemini upstream gets them unchanged while other dialects get the canonical meaning.
 */
final class GeminiGenerationConfig {

    /** Gemini accepts at most this many stop sequences. */
    static final int MAX_STOP_SEQUENCES = 5;

    private static final Set<String> SAMPLING = Set.of("temperature", "topP", "topK", "maxOutputTokens",
            "stopSequences", "candidateCount", "seed", "presencePenalty", "frequencyPenalty", "responseLogprobs",
            "logprobs");
    private static final Set<String> FORMAT = Set.of("responseMimeType", "responseSchema", "responseJsonSchema");

    /** What a {@code generationConfig} says; {@code extra} holds the fields kept as extensions. */
    record Read(Sampling sampling, Optional<ResponseFormat> format, Optional<Reasoning> reasoning, ObjectNode extra) {}

    private GeminiGenerationConfig() {}

    static Read read(JsonNode config) {
        if (config == null) {
            return new Read(Sampling.defaults(), Optional.empty(), Optional.empty(), Json.object());
        }
        JsonNode gc = GeminiParts.object(config, "generationConfig");
        ObjectNode extra = Json.object();
        ObjectNode format = Json.object();
        JsonNode thinking = null;
        for (Map.Entry<String, JsonNode> field : gc.properties()) {
            String name = GeminiJson.camel(field.getKey());
            if (FORMAT.contains(name)) {
                format.set(name, field.getValue());
            } else if (name.equals("thinkingConfig")) {
                thinking = field.getValue();
            } else if (!SAMPLING.contains(name)) {
                extra.set(field.getKey(), field.getValue());
            }
        }
        Optional<ResponseFormat> responseFormat = readFormat(format);
        if (!writeFormat(responseFormat).equals(format)) {
            extra.setAll(format);
        }
        Optional<Reasoning> reasoning = readReasoning(thinking);
        if (thinking != null && !writeReasoning(reasoning).map(JsonNode.class::cast).orElse(Json.object())
                .equals(thinking)) {
            extra.set("thinkingConfig", thinking);
        }
        return new Read(readSampling(gc), responseFormat, reasoning, extra);
    }

    private static Sampling readSampling(JsonNode gc) {
        String p = "generationConfig.";
        OptionalDouble temperature = Json.optDouble(gc, GeminiJson.key(gc, "temperature"), p + "temperature");
        if (temperature.isPresent() && (temperature.getAsDouble() < 0 || temperature.getAsDouble() > 2)) {
            throw GatewayException.invalid(p + "temperature", "Invalid value at 'generationConfig.temperature': "
                    + "must be between 0 and 2.");
        }
        OptionalDouble topP = Json.optDouble(gc, GeminiJson.key(gc, "topP"), p + "topP");
        if (topP.isPresent() && (topP.getAsDouble() < 0 || topP.getAsDouble() > 1)) {
            throw GatewayException.invalid(p + "topP", "Invalid value at 'generationConfig.topP': must be between "
                    + "0 and 1.");
        }
        OptionalInt maxTokens = atLeastOne(gc, "maxOutputTokens");
        OptionalInt candidates = atLeastOne(gc, "candidateCount");
        return new Sampling(maxTokens, temperature, topP, Json.optInt(gc, GeminiJson.key(gc, "topK"), p + "topK"),
                readStop(get(gc, "stopSequences")), Json.optLong(gc, "seed", p + "seed"),
                Json.optDouble(gc, GeminiJson.key(gc, "presencePenalty"), p + "presencePenalty"),
                Json.optDouble(gc, GeminiJson.key(gc, "frequencyPenalty"), p + "frequencyPenalty"), candidates,
                Json.optBoolean(gc, GeminiJson.key(gc, "responseLogprobs"), p + "responseLogprobs"),
                Json.optInt(gc, "logprobs", p + "logprobs"));
    }

    private static OptionalInt atLeastOne(JsonNode gc, String field) {
        String path = "generationConfig." + field;
        OptionalInt value = Json.optInt(gc, GeminiJson.key(gc, field), path);
        if (value.isPresent() && value.getAsInt() < 1) {
            throw GatewayException.invalid(path, "Invalid value at '" + path + "': must be at least 1.");
        }
        return value;
    }

    private static List<String> readStop(JsonNode stop) {
        if (stop == null) {
            return List.of();
        }
        String path = "generationConfig.stopSequences";
        if (!stop.isArray()) {
            throw GatewayException.invalid(path, "Invalid value at '" + path + "': expected an array of strings.");
        }
        List<String> out = new ArrayList<>();
        for (JsonNode s : stop) {
            if (!s.isString()) {
                throw GatewayException.invalid(path, "Invalid value at '" + path + "': expected strings.");
            }
            out.add(s.stringValue());
        }
        return out;
    }

    private static Optional<ResponseFormat> readFormat(ObjectNode format) {
        JsonNode mime = format.get("responseMimeType");
        if (mime == null || !mime.isString()) {
            return Optional.empty();
        }
        JsonNode schema = format.has("responseJsonSchema") ? format.get("responseJsonSchema")
                : format.get("responseSchema");
        return switch (mime.stringValue()) {
            case "application/json" -> Optional.of(schema == null ? new ResponseFormat.JsonObject()
                    : new ResponseFormat.JsonSchema("response", Optional.empty(), schema, Optional.empty()));
            case "text/plain" -> schema == null ? Optional.of(new ResponseFormat.Text()) : Optional.empty();
            default -> Optional.empty(); // text/x.enum and other Gemini-only shapes stay extensions
        };
    }

    private static ObjectNode writeFormat(Optional<ResponseFormat> format) {
        ObjectNode out = Json.object();
        format.ifPresent(f -> {
            switch (f) {
                case ResponseFormat.Text t -> out.put("responseMimeType", "text/plain");
                case ResponseFormat.JsonObject j -> out.put("responseMimeType", "application/json");
                case ResponseFormat.JsonSchema js -> {
                    out.put("responseMimeType", "application/json");
                    out.set(GeminiJson.isOpenApiSchema(js.schema()) ? "responseSchema" : "responseJsonSchema",
                            js.schema());
                }
            }
        });
        return out;
    }

    /** A budget (0 = off) or a level; the dynamic budget -1 is Gemini's default and has no canonical form. */
    private static Optional<Reasoning> readReasoning(JsonNode thinking) {
        if (thinking == null) {
            return Optional.empty();
        }
        String p = "generationConfig.thinkingConfig.";
        JsonNode tc = GeminiParts.object(thinking, "generationConfig.thinkingConfig");
        OptionalInt budget = Json.optInt(tc, GeminiJson.key(tc, "thinkingBudget"), p + "thinkingBudget");
        Optional<String> level = Json.optString(tc, GeminiJson.key(tc, "thinkingLevel"), p + "thinkingLevel");
        Json.optBoolean(tc, GeminiJson.key(tc, "includeThoughts"), p + "includeThoughts");
        if (budget.isPresent() && budget.getAsInt() >= 0) {
            return Optional.of(Reasoning.ofBudget(budget.getAsInt()));
        }
        return level.map(l -> Reasoning.ofEffort(l.toLowerCase(Locale.ROOT)));
    }

    /**
     * Gemini takes a budget on every thinking model (a level only on Gemini 3), so effort levels are sent as the
     * budget they stand for; thoughts are asked for whenever thinking is on, for clients that show them.
     */
    private static Optional<ObjectNode> writeReasoning(Optional<Reasoning> reasoning) {
        return reasoning.map(r -> {
            ObjectNode tc = Json.object();
            if (r.disabled()) {
                return tc.put("thinkingBudget", 0);
            }
            return tc.put("includeThoughts", true).put("thinkingBudget", r.budget());
        });
    }

    /** The {@code generationConfig} of a canonical request (empty object when nothing is set). */
    static ObjectNode write(ChatRequest request, Set<String> dropped) {
        Sampling s = request.sampling();
        ObjectNode gc = Json.object();
        s.temperature().ifPresent(v -> gc.put("temperature", v));
        s.topP().ifPresent(v -> gc.put("topP", v));
        s.topK().ifPresent(v -> gc.put("topK", v));
        s.maxTokens().ifPresent(v -> gc.put("maxOutputTokens", v));
        if (!s.stop().isEmpty()) {
            ArrayNode stop = gc.putArray("stopSequences");
            s.stop().stream().limit(MAX_STOP_SEQUENCES).forEach(stop::add);
            if (s.stop().size() > MAX_STOP_SEQUENCES) {
                dropped.add("stop");
            }
        }
        s.n().ifPresent(v -> gc.put("candidateCount", v));
        s.seed().ifPresent(v -> {
            if (v == (int) v) {
                gc.put("seed", (int) v);
            } else {
                dropped.add("seed"); // Gemini's seed is a 32-bit integer
            }
        });
        s.presencePenalty().ifPresent(v -> gc.put("presencePenalty", v));
        s.frequencyPenalty().ifPresent(v -> gc.put("frequencyPenalty", v));
        s.logprobs().ifPresent(v -> gc.put("responseLogprobs", v));
        s.topLogprobs().ifPresent(v -> gc.put("logprobs", v));
        gc.setAll(writeFormat(request.responseFormat()));
        writeReasoning(request.reasoning()).ifPresent(tc -> gc.set("thinkingConfig", tc));
        return gc;
    }
}
