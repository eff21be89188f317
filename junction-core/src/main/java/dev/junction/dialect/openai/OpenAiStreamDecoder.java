package dev.junction.dialect.openai;

import dev.junction.dialect.StreamDecoder;
import dev.junction.json.Json;
import dev.junction.model.GatewayError;
import dev.junction.model.StreamEvent;
import dev.junction.secret.Redactor;
import dev.junction.upstream.SseEvent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * Turns the {@code data:} payloads of a Chat Completions stream into canonical events. One instance per stream; not
 * thread safe. Tool-call fragments are accumulated by their {@code index}, never by position, since some
 * compatible servers put several calls in one chunk.
 */
public final class OpenAiStreamDecoder implements StreamDecoder {

    private final Redactor redactor;
    private final Map<Integer, ChoiceState> choices = new HashMap<>();
    private boolean started;
    private boolean done;

    public OpenAiStreamDecoder(Redactor redactor) {
        this.redactor = redactor;
    }

    /** Per-choice block bookkeeping. */
    private static final class ChoiceState {
        int nextBlock;
        int openBlock = -1;
        String openKind = "";
        final Map<Integer, Integer> toolBlocks = new HashMap<>();
    }

    @Override
    public List<StreamEvent> decode(SseEvent event) {
        return event.hasData() ? decode(event.data()) : List.of();
    }

    /** Whether {@code [DONE]} was seen. */
    @Override
    public boolean done() {
        return done;
    }

    /** The events for one SSE data payload; none for an event without data (a keep-alive comment). */
    public List<StreamEvent> decode(String data) {
        if (data.isEmpty()) {
            return List.of();
        }
        List<StreamEvent> out = new ArrayList<>(3);
        if (data.equals("[DONE]")) {
            done = true;
            closeAll(out);
            out.add(new StreamEvent.MessageStop());
            return out;
        }
        Optional<JsonNode> parsed = Json.tryParse(data);
        if (parsed.isEmpty() || !parsed.get().isObject()) {
            out.add(new StreamEvent.StreamError(new GatewayError.BadGateway(
                    "The upstream sent a stream event that is not JSON.", false)));
            return out;
        }
        JsonNode chunk = parsed.get();
        JsonNode error = chunk.get("error");
        if (error != null && !error.isNull()) {
            String message = redactor.redact(error.path("message").asString("The upstream stream failed."));
            out.add(new StreamEvent.StreamError(new GatewayError.BadGateway(message, false)));
            return out;
        }
        if (!started && isFilterResultsOnly(chunk)) {
            return out; // Azure's first chunk: its prompt filter's verdicts, with an empty id and model
        }
        if (!started) {
            started = true;
            out.add(new StreamEvent.MessageStart(chunk.path("id").asString(""), chunk.path("model").asString(""),
                    chunk.path("created").asLong(0), dev.junction.model.Usage.ZERO));
        }
        for (JsonNode c : chunk.path("choices")) {
            decodeChoice(c, out);
        }
        JsonNode usage = chunk.get("usage");
        if (usage != null && usage.isObject()) {
            out.add(new StreamEvent.UsageUpdate(OpenAiUsage.read(usage)));
        }
        return out;
    }

    /** A chunk with no choices, no usage and no id: what Azure sends first, before the completion's own chunks. */
    private static boolean isFilterResultsOnly(JsonNode chunk) {
        return chunk.path("id").asString("").isEmpty() && chunk.path("choices").isEmpty()
                && !chunk.path("usage").isObject();
    }

    private void decodeChoice(JsonNode c, List<StreamEvent> out) {
        int index = c.path("index").asInt(0);
        ChoiceState state = choices.computeIfAbsent(index, i -> new ChoiceState());
        JsonNode delta = c.path("delta");
        JsonNode content = delta.get("content");
        if (content != null && content.isString() && !content.stringValue().isEmpty()) {
            int block = ensureOpen(state, index, "text", new StreamEvent.Block.Text(), out);
            out.add(new StreamEvent.BlockDelta(index, block,
                    new StreamEvent.Delta.Text(content.stringValue(), OpenAiLogprobs.read(c.get("logprobs")))));
        }
        JsonNode refusal = delta.get("refusal");
        if (refusal != null && refusal.isString() && !refusal.stringValue().isEmpty()) {
            int block = ensureOpen(state, index, "refusal", new StreamEvent.Block.Refusal(), out);
            out.add(new StreamEvent.BlockDelta(index, block, new StreamEvent.Delta.Refusal(refusal.stringValue())));
        }
        for (JsonNode call : delta.path("tool_calls")) {
            int toolIndex = call.path("index").asInt(0);
            JsonNode fn = call.path("function");
            Integer block = state.toolBlocks.get(toolIndex);
            if (block == null) {
                close(state, index, out);
                block = state.nextBlock++;
                state.toolBlocks.put(toolIndex, block);
                state.openBlock = block;
                state.openKind = "tool:" + toolIndex;
                out.add(new StreamEvent.BlockStart(index, block, new StreamEvent.Block.ToolCall(
                        call.path("id").asString(""), fn.path("name").asString(""))));
            }
            String args = fn.path("arguments").asString("");
            if (!args.isEmpty()) {
                out.add(new StreamEvent.BlockDelta(index, block, new StreamEvent.Delta.Arguments(args)));
            }
        }
        String finish = c.path("finish_reason").stringValue(null);
        if (finish != null) {
            close(state, index, out);
            OpenAiFinishReasons.read(finish).ifPresent(r -> out.add(new StreamEvent.Finish(index, r)));
        }
    }

    private static int ensureOpen(ChoiceState state, int choice, String kind, StreamEvent.Block block,
                                  List<StreamEvent> out) {
        if (state.openBlock >= 0 && state.openKind.equals(kind)) {
            return state.openBlock;
        }
        close(state, choice, out);
        state.openBlock = state.nextBlock++;
        state.openKind = kind;
        out.add(new StreamEvent.BlockStart(choice, state.openBlock, block));
        return state.openBlock;
    }

    private static void close(ChoiceState state, int choice, List<StreamEvent> out) {
        if (state.openBlock >= 0) {
            out.add(new StreamEvent.BlockStop(choice, state.openBlock));
            state.openBlock = -1;
            state.openKind = "";
        }
    }

    private void closeAll(List<StreamEvent> out) {
        choices.forEach((index, state) -> close(state, index, out));
    }
}
