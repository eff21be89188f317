package dev.junction.dialect.openai;

import dev.junction.dialect.StreamEncoder;
import dev.junction.json.Json;
import dev.junction.model.ContentPart;
import dev.junction.model.StreamEvent;
import dev.junction.model.ThoughtSignature;
import java.util.Optional;
import dev.junction.model.Usage;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Turns canonical stream events into Chat Completions SSE frames ({@code data: {…}\n\n}). One instance per response;
 * not thread safe. Follows OpenAI's sequence: a role chunk, content and tool-call fragment chunks, a finish chunk per
 * choice, the usage chunk when the client asked for it, then {@code data: [DONE]}.
 */
public final class OpenAiStreamEncoder implements StreamEncoder {

    /** The end-of-stream marker. */
    public static final String DONE = "data: [DONE]\n\n";

    private final boolean includeUsage;
    private final Set<Integer> startedChoices = new HashSet<>();
    /** Per choice: block index → tool call index. OpenAI numbers tool calls from 0, skipping text blocks. */
    private final Map<Integer, Map<Integer, Integer>> toolIndexes = new HashMap<>();
    private String id = "chatcmpl-junction";
    private String model = "";
    private long created;
    private Usage usage = Usage.ZERO;
    private boolean sawUsage;
    /** A Gemini signature waiting for the next tool call's id; see {@link OpenAiResponseMapper#carriedInId}. */
    private String pendingSignature;

    /** @param includeUsage whether to emit the final usage chunk ({@code stream_options.include_usage}) */
    public OpenAiStreamEncoder(boolean includeUsage) {
        this.includeUsage = includeUsage;
    }

    /** The SSE frames for this event; empty when the event has no Chat Completions counterpart. */
    @Override
    public String encode(StreamEvent event) {
        return switch (event) {
            case StreamEvent.MessageStart start -> {
                id = start.id();
                model = start.model();
                created = OpenAiResponseMapper.createdOrNow(start.created());
                usage = start.usage();
                yield ""; // the role goes with the choice's first chunk: merged into it when that is a tool call
            }
            case StreamEvent.BlockStart bs -> startBlock(bs);
            case StreamEvent.BlockDelta bd -> delta(bd);
            case StreamEvent.BlockStop stop -> "";
            case StreamEvent.Finish finish -> {
                String prefix = roleChunk(finish.choice());
                ObjectNode chunk = chunk();
                ObjectNode choice = chunk.withArray("choices").addObject().put("index", finish.choice());
                choice.putObject("delta");
                choice.putNull("logprobs");
                choice.put("finish_reason", OpenAiFinishReasons.write(finish.reason()));
                yield prefix + frame(chunk);
            }
            case StreamEvent.UsageUpdate update -> {
                usage = update.usage();
                sawUsage = true;
                yield "";
            }
            case StreamEvent.MessageStop stop -> {
                if (!includeUsage) {
                    yield DONE;
                }
                ObjectNode chunk = chunk();
                chunk.putArray("choices");
                chunk.set("usage", OpenAiUsage.write(usage));
                yield frame(chunk) + DONE;
            }
            case StreamEvent.StreamError error -> frame(OpenAiErrors.render(error.error()));
        };
    }

    /** Whether an upstream reported usage during the stream. */
    public boolean sawUsage() {
        return sawUsage;
    }

    private String startBlock(StreamEvent.BlockStart bs) {
        if (!(bs.block() instanceof StreamEvent.Block.ToolCall call)) {
            return roleChunk(bs.choice());
        }
        Map<Integer, Integer> indexes = toolIndexes.computeIfAbsent(bs.choice(), c -> new HashMap<>());
        int toolIndex = indexes.size();
        indexes.put(bs.index(), toolIndex);
        ObjectNode chunk = chunk();
        ObjectNode delta = choice(chunk, bs.choice());
        if (startedChoices.add(bs.choice())) {
            // A turn that opens with a tool call announces the role in the same chunk, content null, as OpenAI does.
            delta.put("role", "assistant").putNull("content");
        }
        String id = pendingSignature == null ? call.id() : ThoughtSignature.embedInId(call.id(), pendingSignature);
        pendingSignature = null;
        ObjectNode tc = delta.putArray("tool_calls").addObject().put("index", toolIndex).put("id", id)
                .put("type", "function");
        tc.putObject("function").put("name", call.name()).put("arguments", "");
        if (delta.has("role")) {
            delta.putNull("refusal");
        }
        return frame(chunk);
    }

    private String delta(StreamEvent.BlockDelta bd) {
        ObjectNode chunk = chunk();
        ObjectNode delta = choice(chunk, bd.choice());
        switch (bd.delta()) {
            case StreamEvent.Delta.Text t -> {
                delta.put("content", t.text());
                if (!t.logprobs().isEmpty()) {
                    ((ObjectNode) chunk.get("choices").get(0)).set("logprobs", OpenAiLogprobs.write(t.logprobs()));
                }
            }
            case StreamEvent.Delta.Arguments a -> {
                Integer toolIndex = toolIndexes.getOrDefault(bd.choice(), Map.of()).get(bd.index());
                if (toolIndex == null || a.fragment().isEmpty()) {
                    return "";
                }
                delta.putArray("tool_calls").addObject().put("index", toolIndex).putObject("function")
                        .put("arguments", a.fragment());
            }
            case StreamEvent.Delta.Refusal r -> delta.put("refusal", r.text());
            case StreamEvent.Delta.Thinking t -> {
                return "";
            }
            case StreamEvent.Delta.Signature s -> {
                if (OpenAiResponseMapper.carriedInId(new ContentPart.Thinking("", Optional.of(s.signature()), false))) {
                    pendingSignature = s.signature();
                }
                return "";
            }
        }
        return roleChunk(bd.choice()) + frame(chunk);
    }

    /** The first chunk of a choice announces the role; later calls return an empty string. */
    private String roleChunk(int choiceIndex) {
        if (!startedChoices.add(choiceIndex)) {
            return "";
        }
        ObjectNode chunk = chunk();
        ObjectNode delta = choice(chunk, choiceIndex);
        delta.put("role", "assistant").put("content", "").putNull("refusal");
        return frame(chunk);
    }

    private ObjectNode chunk() {
        ObjectNode chunk = Json.object()
                .put("id", id)
                .put("object", "chat.completion.chunk")
                .put("created", created)
                .put("model", model);
        chunk.putArray("choices");
        if (includeUsage) {
            chunk.putNull("usage");
        }
        return chunk;
    }

    /** Adds a choice to the chunk and returns its delta object. */
    private static ObjectNode choice(ObjectNode chunk, int index) {
        ArrayNode choices = (ArrayNode) chunk.get("choices");
        ObjectNode choice = choices.addObject().put("index", index);
        ObjectNode delta = choice.putObject("delta");
        choice.putNull("logprobs");
        choice.putNull("finish_reason");
        return delta;
    }

    private static String frame(ObjectNode node) {
        return "data: " + Json.write(node) + "\n\n";
    }
}
