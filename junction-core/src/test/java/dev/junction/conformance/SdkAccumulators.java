package dev.junction.conformance;

import com.anthropic.helpers.MessageAccumulator;
import com.anthropic.models.messages.RawMessageStreamEvent;
import com.google.genai.types.GenerateContentResponse;
import com.openai.helpers.ChatCompletionAccumulator;
import com.openai.helpers.ResponseAccumulator;
import com.openai.models.responses.ResponseStreamEvent;
import com.openai.models.chat.completions.ChatCompletionChunk;
import dev.junction.json.Json;
import dev.junction.upstream.SseEvent;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reassembles a client stream the way the target dialect's official SDK does, into that dialect's complete response
 * body: OpenAI's {@link ChatCompletionAccumulator} and Anthropic's {@link MessageAccumulator}, fed events parsed with
 * each SDK's own JSON mapper. google-genai has no accumulator: every chunk must parse as a
 * {@link GenerateContentResponse}, and the chunks are merged here as a Gemini client concatenates them (text of a
 * run joined, function calls kept whole, the last finish reason and usage win).
 */
final class SdkAccumulators {

    private SdkAccumulators() {}

    /** The complete response body a client of the dialect assembles from this stream's wire text. */
    static ObjectNode accumulate(WireDialect dialect, String wire) {
        return switch (dialect) {
            case OPENAI -> openAi(SseFrames.parse(wire));
            case ANTHROPIC -> anthropic(SseFrames.parse(wire));
            case GEMINI -> gemini(SseFrames.parse(wire).stream().map(e -> Json.parseObject(
                    e.data().getBytes(java.nio.charset.StandardCharsets.UTF_8))).map(JsonNode.class::cast).toList());
            case RESPONSES -> responses(SseFrames.parse(wire));
        };
    }

    /**
     * Fails unless the target dialect's SDK reads a complete response body: OpenAI's {@code ChatCompletion} and
     * Anthropic's {@code Message} are parsed and validated (every required field present, of the right type),
     * google-genai's {@link GenerateContentResponse} parsed.
     */
    static void assertReadable(WireDialect dialect, JsonNode body) {
        String json = Json.write(body);
        try {
            switch (dialect) {
                case OPENAI -> com.openai.core.ObjectMappers.jsonMapper()
                        .readValue(json, com.openai.models.chat.completions.ChatCompletion.class).validate();
                case ANTHROPIC -> com.anthropic.core.ObjectMappers.jsonMapper()
                        .readValue(json, com.anthropic.models.messages.Message.class).validate();
                case GEMINI -> GenerateContentResponse.fromJson(json);
                case RESPONSES -> com.openai.core.ObjectMappers.jsonMapper()
                        .readValue(json, com.openai.models.responses.Response.class).validate();
            }
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            throw new AssertionError("the " + dialect + " SDK could not read " + json, e);
        }
    }

    /** The chat.completion the OpenAI SDK builds from the chunks; reading stops at {@code [DONE]}. */
    static ObjectNode openAi(List<SseEvent> events) {
        var mapper = com.openai.core.ObjectMappers.jsonMapper();
        ChatCompletionAccumulator accumulator = ChatCompletionAccumulator.create();
        try {
            for (SseEvent event : events) {
                if (event.data().equals("[DONE]")) {
                    break;
                }
                if (mapper.readTree(event.data()).has("error")) {
                    throw new AssertionError("the stream carried an error: " + event.data());
                }
                accumulator.accumulate(mapper.readValue(event.data(), ChatCompletionChunk.class));
            }
            return Json.parseObject(mapper.writeValueAsBytes(accumulator.chatCompletion()));
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            throw new AssertionError("the OpenAI SDK could not read the stream", e);
        }
    }

    /**
     * The response the OpenAI SDK's {@link ResponseAccumulator} rebuilds from the deltas alone (not the terminal
     * event's copy), after checking that it agrees with the terminal event's output.
     */
    static ObjectNode responses(List<SseEvent> events) {
        var mapper = com.openai.core.ObjectMappers.jsonMapper();
        ResponseAccumulator accumulator = ResponseAccumulator.createWithSnapshots();
        try {
            for (SseEvent event : events) {
                if (event.event().equals("error")) {
                    throw new AssertionError("the stream carried an error: " + event.data());
                }
                accumulator.accumulate(mapper.readValue(event.data(), ResponseStreamEvent.class));
            }
            ObjectNode rebuilt = Json.parseObject(mapper.writeValueAsBytes(accumulator.reconstructedResponse()));
            ObjectNode terminal = Json.parseObject(mapper.writeValueAsBytes(accumulator.response()));
            if (!JsonTrees.normalized(rebuilt.get("output")).equals(JsonTrees.normalized(terminal.get("output")))) {
                throw new AssertionError("the deltas rebuild " + rebuilt.get("output") + " but the terminal event "
                        + "says " + terminal.get("output"));
            }
            return rebuilt;
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            throw new AssertionError("the OpenAI SDK could not read the stream", e);
        }
    }

    /** The message the Anthropic SDK builds from the events; {@code ping} is not a message event. */
    static ObjectNode anthropic(List<SseEvent> events) {
        var mapper = com.anthropic.core.ObjectMappers.jsonMapper();
        MessageAccumulator accumulator = MessageAccumulator.create();
        try {
            for (SseEvent event : events) {
                if (event.event().equals("error")) {
                    throw new AssertionError("the stream carried an error: " + event.data());
                }
                if (!event.event().equals("ping")) {
                    accumulator.accumulate(mapper.readValue(event.data(), RawMessageStreamEvent.class));
                }
            }
            return Json.parseObject(mapper.writeValueAsBytes(accumulator.message()));
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            throw new AssertionError("the Anthropic SDK could not read the stream", e);
        }
    }

    /** The chunks of a Gemini stream merged into one response, after each parsed with google-genai. */
    static ObjectNode gemini(List<JsonNode> chunks) {
        ObjectNode merged = Json.object();
        Map<Integer, ObjectNode> candidates = new TreeMap<>();
        for (JsonNode chunk : chunks) {
            GenerateContentResponse.fromJson(Json.write(chunk));
            for (String field : List.of("modelVersion", "responseId", "usageMetadata", "promptFeedback")) {
                if (chunk.hasNonNull(field)) {
                    merged.set(field, chunk.get(field));
                }
            }
            for (JsonNode candidate : chunk.path("candidates")) {
                ObjectNode into = candidates.computeIfAbsent(candidate.path("index").asInt(0), i -> newCandidate(i));
                candidate.path("content").path("parts").forEach(part -> addPart((ArrayNode) into.at("/content/parts"),
                        part));
                if (candidate.hasNonNull("finishReason")) {
                    into.set("finishReason", candidate.get("finishReason"));
                }
            }
        }
        ArrayNode out = merged.putArray("candidates");
        candidates.values().forEach(out::add);
        return merged;
    }

    private static ObjectNode newCandidate(int index) {
        ObjectNode candidate = Json.object();
        candidate.putObject("content").put("role", "model").putArray("parts");
        candidate.put("index", index);
        return candidate;
    }

    /** Appends a part, joining a text piece to the previous text part of the same kind (thought or answer). */
    private static void addPart(ArrayNode parts, JsonNode part) {
        JsonNode last = parts.isEmpty() ? null : parts.get(parts.size() - 1);
        boolean joinable = part.has("text") && last != null && last.has("text")
                && part.path("thought").asBoolean(false) == last.path("thought").asBoolean(false)
                && !last.has("thoughtSignature");
        if (!joinable) {
            parts.add(part.deepCopy());
            return;
        }
        ObjectNode previous = (ObjectNode) last;
        previous.put("text", previous.get("text").asString() + part.get("text").asString());
        if (part.has("thoughtSignature")) {
            previous.set("thoughtSignature", part.get("thoughtSignature"));
        }
    }
}
