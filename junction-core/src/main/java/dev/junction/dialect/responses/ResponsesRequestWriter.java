package dev.junction.dialect.responses;

import dev.junction.json.Json;
import dev.junction.model.ChatRequest;
import dev.junction.model.Dialect;
import dev.junction.model.Sampling;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The request fields {@link ResponsesRequestMapper#fromCanonical} writes after the conversation, each step its own
 * method. The Responses extensions of the request, if any, are merged in: built-in tools after the function tools,
 * {@code text} and {@code reasoning} members over the canonical ones, everything else as sent. One instance per
 * request.
 */
final class ResponsesRequestWriter {

    /** The smallest {@code max_output_tokens} the API accepts. */
    static final int MIN_OUTPUT_TOKENS = 16;

    /** Fields the steps below write themselves; every other extension field is restored as sent. */
    private static final Set<String> MERGED = Set.of("tools", "tool_choice", "text", "reasoning", "include",
            "store", "safety_identifier");

    /** Chat Completions fields with the same name and meaning in Responses. */
    private static final List<String> SHARED_WITH_CHAT = List.of("service_tier", "prompt_cache_key",
            "safety_identifier");

    /** Extension fields of other dialects that change the answer, so dropping them is worth reporting. */
    private static final Map<Dialect, List<String>> FOREIGN_FIELDS_THAT_MATTER = Map.of(
            Dialect.OPENAI_CHAT, List.of("logit_bias", "audio", "modalities", "prediction", "web_search_options"),
            Dialect.GEMINI, List.of("safetySettings", "cachedContent"));

    private final ChatRequest request;
    private final Optional<ObjectNode> ext;
    private final ObjectNode body;
    private final Set<String> dropped;

    ResponsesRequestWriter(ChatRequest request, Optional<ObjectNode> ext, ObjectNode body, Set<String> dropped) {
        this.request = request;
        this.ext = ext;
        this.body = body;
        this.dropped = dropped;
    }

    void tools() {
        ArrayNode tools = ResponsesTools.write(request.tools());
        ext.map(e -> e.get("tools")).filter(JsonNode::isArray).ifPresent(t -> tools.addAll((ArrayNode) t));
        if (!tools.isEmpty()) {
            body.set("tools", tools);
        }
        Optional<JsonNode> builtInChoice = ext.map(e -> e.get("tool_choice"));
        if (builtInChoice.isPresent()) {
            body.set("tool_choice", builtInChoice.get());
        } else {
            request.toolChoice().ifPresent(c -> body.set("tool_choice", ResponsesTools.writeChoice(c)));
        }
        request.parallelToolCalls().ifPresent(p -> body.put("parallel_tool_calls", p));
    }

    /** Sampling; a {@code max_output_tokens} below the API's minimum of 16 is raised to it rather than refused. */
    void sampling() {
        Sampling s = request.sampling();
        s.maxTokens().ifPresent(v -> body.put("max_output_tokens", Math.max(MIN_OUTPUT_TOKENS, v)));
        s.temperature().ifPresent(v -> body.put("temperature", v));
        s.topP().ifPresent(v -> body.put("top_p", v));
        s.topLogprobs().ifPresent(v -> body.put("top_logprobs", v));
        if (s.topK().isPresent()) {
            dropped.add("top_k");
        }
        if (!s.stop().isEmpty()) {
            dropped.add("stop");
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
    }

    /** {@code text.format} and {@code reasoning}; a request that thinks asks for summaries, the visible reasoning. */
    void textAndReasoning() {
        ObjectNode text = Json.object();
        request.responseFormat().ifPresent(f -> text.set("format", ResponsesTextFormat.write(f)));
        ext.map(e -> e.get("text")).filter(JsonNode::isObject).ifPresent(t -> text.setAll((ObjectNode) t));
        if (!text.isEmpty()) {
            body.set("text", text);
        }
        ObjectNode reasoning = Json.object();
        request.reasoning().ifPresent(r -> {
            reasoning.put("effort", r.level());
            if (!r.disabled()) {
                reasoning.put("summary", "auto");
            }
        });
        ext.map(e -> e.get("reasoning")).filter(JsonNode::isObject).ifPresent(r -> reasoning.setAll((ObjectNode) r));
        if (!reasoning.isEmpty()) {
            body.set("reasoning", reasoning);
        }
    }

    /**
     * {@code store} (false unless the client said otherwise: a translated conversation is never left at the
     * upstream) and {@code include} (the client's, log probabilities when asked for, and encrypted reasoning when
     * the request thinks and nothing is stored, so that it can be replayed).
     */
    void storeAndInclude() {
        boolean store = ext.map(e -> e.get("store")).filter(JsonNode::isBoolean).map(JsonNode::booleanValue)
                .orElse(false);
        body.put("store", store);
        Set<String> include = new LinkedHashSet<>();
        ext.map(e -> e.get("include")).filter(JsonNode::isArray)
                .ifPresent(i -> i.forEach(v -> include.add(v.asString(""))));
        if (request.sampling().logprobs().orElse(false)) {
            include.add(ResponsesRequestMapper.LOGPROBS);
        }
        if (!store && request.reasoning().filter(r -> !r.disabled()).isPresent()) {
            include.add(ResponsesOptions.ENCRYPTED_REASONING);
        }
        if (!include.isEmpty()) {
            ArrayNode array = body.putArray("include");
            include.forEach(array::add);
        }
        if (request.stream()) {
            body.put("stream", true);
        }
    }

    /** Metadata, and the end user: {@code user}, unless it came from the client's {@code safety_identifier}. */
    void identity() {
        if (!request.metadata().isEmpty()) {
            ObjectNode md = body.putObject("metadata");
            request.metadata().forEach(md::put);
        }
        Optional<String> safetyId = ext.map(e -> e.get("safety_identifier")).filter(JsonNode::isString)
                .map(JsonNode::stringValue);
        safetyId.ifPresent(s -> body.put("safety_identifier", s));
        request.user().filter(u -> !safetyId.equals(Optional.of(u))).ifPresent(u -> body.put("user", u));
    }

    /** The Responses extensions as sent; the Chat Completions fields Responses shares; foreign losses named. */
    void restore() {
        ext.ifPresent(e -> e.properties().forEach(field -> {
            if (!MERGED.contains(field.getKey())) {
                body.set(field.getKey(), field.getValue());
            }
        }));
        request.extensions().get(Dialect.OPENAI_CHAT).ifPresent(chat -> SHARED_WITH_CHAT.forEach(name -> {
            if (chat.has(name) && !body.has(name)) {
                body.set(name, chat.get(name));
            }
        }));
        FOREIGN_FIELDS_THAT_MATTER.forEach((dialect, fields) -> request.extensions().get(dialect)
                .ifPresent(foreign -> fields.stream().filter(foreign::has).forEach(dropped::add)));
    }
}
