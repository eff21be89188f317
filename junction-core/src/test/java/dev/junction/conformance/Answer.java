package dev.junction.conformance;

import dev.junction.json.Json;
import dev.junction.model.ThoughtSignature;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * What a client learns from a complete response body of its dialect, read straight from the wire JSON (not through
 * the production mappers) into one vocabulary: the answer text, the thinking text and its signatures, the tool calls,
 * the finish reason in OpenAI's words, and the usage with OpenAI's inclusive semantics (translation.md §10, §11).
 * Only the first choice / candidate is read.
 *
 * @param text the answer text, pieces joined without separator
 * @param thinking the thinking text, pieces joined without separator
 * @param signatures the thinking / thought signatures as the wire carries them
 * @param toolCalls the tool calls in order
 * @param finish {@code stop}, {@code length}, {@code tool_calls} or {@code content_filter}
 * @param usage the counters the dialect states: {@code input} (with cache), {@code output} (with reasoning),
 *              {@code cached_read}, {@code cache_write}, {@code reasoning}
 */
record Answer(String text, String thinking, List<String> signatures, List<Call> toolCalls, String finish,
              Map<String, Long> usage) {

    /** One tool call; {@code arguments} is the parsed JSON (a string node when the text is not JSON). */
    record Call(String id, String name, JsonNode arguments) {
        Call {
            arguments = JsonTrees.normalized(arguments);
        }
    }

    /** The usage counters each dialect can state. */
    private static final Map<WireDialect, Set<String>> STATES = Map.of(
            WireDialect.OPENAI, Set.of("input", "output", "cached_read", "reasoning"),
            WireDialect.ANTHROPIC, Set.of("input", "output", "cached_read", "cache_write"),
            WireDialect.GEMINI, Set.of("input", "output", "cached_read", "reasoning"),
            WireDialect.RESPONSES, Set.of("input", "output", "cached_read", "cache_write", "reasoning"));

    /** The dialects whose clients can see thinking text. */
    private static final Set<WireDialect> SHOWS_THINKING = EnumSet.of(WireDialect.ANTHROPIC, WireDialect.GEMINI,
            WireDialect.RESPONSES);

    /** Reads a complete response body of the dialect. */
    static Answer of(WireDialect dialect, JsonNode body) {
        return switch (dialect) {
            case OPENAI -> openAi(body);
            case ANTHROPIC -> anthropic(body);
            case GEMINI -> gemini(body);
            case RESPONSES -> responses(body);
        };
    }

    /**
     * This answer reduced to what both dialects can say, so that an answer that crossed from one to the other can be
     * compared with the original: thinking only if both show it, usage counters both state, tool-call ids only
     * between OpenAI and Anthropic (Gemini's wire ids are optional and minted afresh), no signatures (a foreign
     * signature is re-tagged, never meant to be equal).
     */
    Answer comparableBetween(WireDialect a, WireDialect b) {
        boolean thinkingShown = SHOWS_THINKING.contains(a) && SHOWS_THINKING.contains(b);
        boolean idsKept = a != WireDialect.GEMINI && b != WireDialect.GEMINI;
        Map<String, Long> counters = new TreeMap<>(usage);
        counters.keySet().retainAll(STATES.get(a));
        counters.keySet().retainAll(STATES.get(b));
        List<Call> calls = toolCalls.stream().map(c -> idsKept ? c : new Call("", c.name(), c.arguments())).toList();
        return new Answer(text, thinkingShown ? thinking : "", List.of(), calls, finish, counters);
    }

    /**
     * This answer with every tool-call id replaced by a placeholder that keeps only what the id embeds (a thought
     * signature carried in an OpenAI id): ids the gateway mints for a source without ids (Gemini) differ per
     * translation.
     */
    Answer withMintedIds() {
        List<Call> calls = toolCalls.stream().map(c -> new Call(ThoughtSignature.splitId(c.id()).getValue()
                .map(signature -> "<minted>+" + signature).orElse("<minted>"), c.name(), c.arguments())).toList();
        return new Answer(text, thinking, signatures, calls, finish, usage);
    }

    private static Answer openAi(JsonNode body) {
        JsonNode choice = body.path("choices").path(0);
        JsonNode message = choice.path("message");
        List<Call> calls = new ArrayList<>();
        for (JsonNode call : message.path("tool_calls")) {
            calls.add(new Call(call.path("id").asString(""), call.at("/function/name").asString(""),
                    parsed(call.at("/function/arguments").asString(""))));
        }
        JsonNode u = body.path("usage");
        Map<String, Long> usage = new TreeMap<>();
        if (u.isObject()) {
            usage.put("input", u.path("prompt_tokens").asLong());
            usage.put("output", u.path("completion_tokens").asLong());
            usage.put("cached_read", u.at("/prompt_tokens_details/cached_tokens").asLong(0));
            usage.put("reasoning", u.at("/completion_tokens_details/reasoning_tokens").asLong(0));
        }
        String finish = choice.path("finish_reason").asString("");
        return new Answer(message.path("content").asString(""), "", List.of(), calls,
                finish.equals("function_call") ? "tool_calls" : finish, usage);
    }

    private static Answer anthropic(JsonNode body) {
        StringBuilder text = new StringBuilder();
        StringBuilder thinking = new StringBuilder();
        List<String> signatures = new ArrayList<>();
        List<Call> calls = new ArrayList<>();
        for (JsonNode block : body.path("content")) {
            switch (block.path("type").asString("")) {
                case "text" -> text.append(block.path("text").asString(""));
                case "thinking" -> {
                    thinking.append(block.path("thinking").asString(""));
                    signatures.add(block.path("signature").asString(""));
                }
                case "tool_use" -> calls.add(new Call(block.path("id").asString(""), block.path("name").asString(""),
                        block.path("input")));
                default -> { }
            }
        }
        JsonNode u = body.path("usage");
        Map<String, Long> usage = new TreeMap<>();
        if (u.isObject()) {
            long read = u.path("cache_read_input_tokens").asLong(0);
            long write = u.path("cache_creation_input_tokens").asLong(0);
            usage.put("input", u.path("input_tokens").asLong() + read + write);
            usage.put("output", u.path("output_tokens").asLong());
            usage.put("cached_read", read);
            usage.put("cache_write", write);
        }
        String finish = switch (body.path("stop_reason").asString("")) {
            case "end_turn", "stop_sequence", "pause_turn" -> "stop";
            case "max_tokens", "model_context_window_exceeded" -> "length";
            case "tool_use" -> "tool_calls";
            case "refusal" -> "content_filter";
            default -> body.path("stop_reason").asString("");
        };
        return new Answer(text.toString(), thinking.toString(), signatures, calls, finish, usage);
    }

    private static Answer gemini(JsonNode body) {
        JsonNode candidate = body.path("candidates").path(0);
        StringBuilder text = new StringBuilder();
        StringBuilder thinking = new StringBuilder();
        List<String> signatures = new ArrayList<>();
        List<Call> calls = new ArrayList<>();
        for (JsonNode part : candidate.at("/content/parts")) {
            if (part.has("thoughtSignature")) {
                signatures.add(part.get("thoughtSignature").asString());
            }
            if (part.has("functionCall")) {
                JsonNode call = part.get("functionCall");
                calls.add(new Call(call.path("id").asString(""), call.path("name").asString(""),
                        call.path("args").isMissingNode() ? Json.object() : call.get("args")));
            } else if (part.path("thought").asBoolean(false)) {
                thinking.append(part.path("text").asString(""));
            } else {
                text.append(part.path("text").asString(""));
            }
        }
        JsonNode u = body.path("usageMetadata");
        Map<String, Long> usage = new TreeMap<>();
        if (u.isObject()) {
            long thoughts = u.path("thoughtsTokenCount").asLong(0);
            usage.put("input", u.path("promptTokenCount").asLong(0));
            usage.put("output", u.path("candidatesTokenCount").asLong(0) + thoughts);
            usage.put("cached_read", u.path("cachedContentTokenCount").asLong(0));
            usage.put("reasoning", thoughts);
        }
        return new Answer(text.toString(), thinking.toString(), signatures, calls, geminiFinish(body, !calls.isEmpty()),
                usage);
    }

    /** Output items in order; reasoning summaries are the thinking, their encrypted content the signatures. */
    private static Answer responses(JsonNode body) {
        StringBuilder text = new StringBuilder();
        StringBuilder thinking = new StringBuilder();
        List<String> signatures = new ArrayList<>();
        List<Call> calls = new ArrayList<>();
        for (JsonNode item : body.path("output")) {
            switch (item.path("type").asString("")) {
                case "message" -> item.path("content").forEach(part -> text.append(part.path("text").asString("")));
                case "reasoning" -> {
                    item.path("summary").forEach(part -> thinking.append(part.path("text").asString("")));
                    if (item.path("encrypted_content").isString()) {
                        signatures.add(item.get("encrypted_content").stringValue());
                    }
                }
                case "function_call" -> calls.add(new Call(item.path("call_id").asString(""),
                        item.path("name").asString(""), parsed(item.path("arguments").asString(""))));
                default -> { }
            }
        }
        JsonNode u = body.path("usage");
        Map<String, Long> usage = new TreeMap<>();
        if (u.isObject()) {
            usage.put("input", u.path("input_tokens").asLong());
            usage.put("output", u.path("output_tokens").asLong());
            usage.put("cached_read", u.at("/input_tokens_details/cached_tokens").asLong(0));
            usage.put("cache_write", u.at("/input_tokens_details/cache_write_tokens").asLong(0));
            usage.put("reasoning", u.at("/output_tokens_details/reasoning_tokens").asLong(0));
        }
        String finish = switch (body.path("status").asString("")) {
            case "completed" -> calls.isEmpty() ? "stop" : "tool_calls";
            case "incomplete" -> body.at("/incomplete_details/reason").asString("").equals("content_filter")
                    ? "content_filter" : "length";
            default -> body.path("status").asString("");
        };
        return new Answer(text.toString(), thinking.toString(), signatures, calls, finish, usage);
    }

    /** §10.1: STOP with a function call is {@code tool_calls}; a blocked prompt is {@code content_filter}. */
    private static String geminiFinish(JsonNode body, boolean called) {
        if (body.path("candidates").isEmpty() && body.at("/promptFeedback/blockReason").isString()) {
            return "content_filter";
        }
        String reason = body.at("/candidates/0/finishReason").asString("");
        return switch (reason) {
            case "STOP" -> called ? "tool_calls" : "stop";
            case "MAX_TOKENS" -> "length";
            case "SAFETY", "BLOCKLIST", "PROHIBITED_CONTENT", "SPII", "IMAGE_SAFETY", "LANGUAGE", "RECITATION" ->
                    "content_filter";
            case "" -> "";
            default -> "stop";
        };
    }

    private static JsonNode parsed(String json) {
        return Json.tryParse(json).orElse(JsonNodeFactory.instance.stringNode(json));
    }
}
