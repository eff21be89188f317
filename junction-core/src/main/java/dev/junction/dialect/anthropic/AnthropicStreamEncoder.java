package dev.junction.dialect.anthropic;

import dev.junction.dialect.StreamEncoder;
import dev.junction.json.Json;
import dev.junction.model.Dialect;
import dev.junction.model.FinishReason;
import dev.junction.model.StreamEvent;
import dev.junction.model.ThoughtSignature;
import dev.junction.model.Usage;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import tools.jackson.databind.node.ObjectNode;

/**
 * Turns canonical stream events into Anthropic's SSE ({@code event: <type>\ndata: <json>\n\n}): {@code message_start}
 * and a {@code ping}, blocks numbered contiguously from 0 and strictly one after another, then one
 * {@code message_delta} (stop reason and the latest usage) and {@code message_stop} when the message stops. Only
 * choice 0 is encoded.
 *
 * <p>Robust to streams translated from other dialects: a missing {@code MessageStart} is synthesised, a delta for a
 * block that was never started opens one, refusals become text, a {@code Finish} may come before or after the usage,
 * and a missing {@code Finish} yields {@code tool_use} or {@code end_turn}. A tool call's argument fragments that
 * arrive after a later block has opened cannot be placed in Anthropic's sequential blocks and are left out. One
 * instance per response; not thread safe.
 */
public final class AnthropicStreamEncoder implements StreamEncoder {

    /** The kinds of block Anthropic streams carry. */
    private enum Kind { TEXT, TOOL_USE, THINKING }

    private final Map<Integer, Integer> wireIndexes = new HashMap<>();
    private final Map<Integer, Kind> kinds = new HashMap<>();
    private int nextIndex;
    /** The wire index of the open block, or -1. */
    private int open = -1;
    private boolean started;
    private boolean ended;
    private boolean sawToolUse;
    private Optional<FinishReason> finish = Optional.empty();
    private Usage usage = Usage.ZERO;

    public AnthropicStreamEncoder() {}

    @Override
    public String encode(StreamEvent event) {
        if (ended) {
            return "";
        }
        return switch (event) {
            case StreamEvent.MessageStart start -> {
                if (started) {
                    yield "";
                }
                usage = start.usage();
                yield messageStart(start.id(), start.model());
            }
            case StreamEvent.BlockStart bs -> bs.choice() != 0 ? "" : ensureStarted() + startBlock(bs.index(),
                    kindOf(bs.block()), bs.block());
            case StreamEvent.BlockDelta bd -> bd.choice() != 0 ? "" : ensureStarted() + delta(bd);
            case StreamEvent.BlockStop stop -> {
                Integer wire = wireIndexes.get(stop.index());
                yield stop.choice() == 0 && wire != null && wire == open ? closeOpen() : "";
            }
            case StreamEvent.Finish f -> {
                if (f.choice() == 0) {
                    finish = Optional.of(f.reason());
                }
                yield "";
            }
            case StreamEvent.UsageUpdate update -> {
                usage = update.usage();
                yield "";
            }
            case StreamEvent.MessageStop stop -> {
                String prefix = ensureStarted() + closeOpen();
                ended = true;
                yield prefix + messageEnd();
            }
            case StreamEvent.StreamError error -> {
                ended = true;
                yield frame("error", AnthropicErrors.render(error.error()));
            }
        };
    }

    private String messageStart(String id, String model) {
        started = true;
        ObjectNode data = Json.object().put("type", "message_start");
        ObjectNode message = data.putObject("message")
                .put("id", id.isEmpty() ? syntheticId() : id)
                .put("type", "message")
                .put("role", "assistant")
                .put("model", model);
        message.putArray("content");
        message.putNull("stop_reason");
        message.putNull("stop_sequence");
        message.set("usage", AnthropicUsage.write(usage));
        return frame("message_start", data) + frame("ping", Json.object().put("type", "ping"));
    }

    private String ensureStarted() {
        return started ? "" : messageStart("", "");
    }

    private static String syntheticId() {
        return "msg_" + UUID.randomUUID().toString().replace("-", "");
    }

    private static Kind kindOf(StreamEvent.Block block) {
        return switch (block) {
            case StreamEvent.Block.Text t -> Kind.TEXT;
            case StreamEvent.Block.Refusal r -> Kind.TEXT;
            case StreamEvent.Block.ToolCall c -> Kind.TOOL_USE;
            case StreamEvent.Block.Thinking t -> Kind.THINKING;
        };
    }

    private String startBlock(int canonicalIndex, Kind kind, StreamEvent.Block block) {
        if (wireIndexes.containsKey(canonicalIndex)) {
            return "";
        }
        String prefix = closeOpen();
        int wire = nextIndex++;
        wireIndexes.put(canonicalIndex, wire);
        kinds.put(wire, kind);
        open = wire;
        ObjectNode data = Json.object().put("type", "content_block_start").put("index", wire);
        ObjectNode content = data.putObject("content_block");
        switch (kind) {
            case TEXT -> content.put("type", "text").put("text", "");
            case THINKING -> content.put("type", "thinking").put("thinking", "").put("signature", "");
            case TOOL_USE -> {
                sawToolUse = true;
                StreamEvent.Block.ToolCall call = block instanceof StreamEvent.Block.ToolCall c ? c
                        : new StreamEvent.Block.ToolCall("", "");
                content.put("type", "tool_use").put("id", call.id()).put("name", call.name());
                content.putObject("input");
            }
        }
        return prefix + frame("content_block_start", data);
    }

    private String delta(StreamEvent.BlockDelta bd) {
        String prefix = "";
        if (!wireIndexes.containsKey(bd.index())) {
            Optional<Kind> implied = impliedKind(bd.delta());
            if (implied.isEmpty()) {
                return "";
            }
            prefix = startBlock(bd.index(), implied.get(), new StreamEvent.Block.Text());
        }
        int wire = wireIndexes.get(bd.index());
        if (wire != open) {
            return prefix;
        }
        ObjectNode delta = Json.object();
        switch (bd.delta()) {
            case StreamEvent.Delta.Text t when kinds.get(wire) == Kind.TEXT ->
                    delta.put("type", "text_delta").put("text", t.text());
            case StreamEvent.Delta.Refusal r when kinds.get(wire) == Kind.TEXT ->
                    delta.put("type", "text_delta").put("text", r.text());
            case StreamEvent.Delta.Arguments a when kinds.get(wire) == Kind.TOOL_USE && !a.fragment().isEmpty() ->
                    delta.put("type", "input_json_delta").put("partial_json", a.fragment());
            case StreamEvent.Delta.Thinking t when kinds.get(wire) == Kind.THINKING ->
                    delta.put("type", "thinking_delta").put("thinking", t.text());
            case StreamEvent.Delta.Signature s when kinds.get(wire) == Kind.THINKING ->
                    delta.put("type", "signature_delta")
                            .put("signature", ThoughtSignature.forClient(Dialect.ANTHROPIC, s.signature()));
            default -> {
                return prefix;
            }
        }
        ObjectNode data = Json.object().put("type", "content_block_delta").put("index", wire);
        data.set("delta", delta);
        return prefix + frame("content_block_delta", data);
    }

    private static Optional<Kind> impliedKind(StreamEvent.Delta delta) {
        return switch (delta) {
            case StreamEvent.Delta.Text t -> Optional.of(Kind.TEXT);
            case StreamEvent.Delta.Refusal r -> Optional.of(Kind.TEXT);
            case StreamEvent.Delta.Thinking t -> Optional.of(Kind.THINKING);
            // Arguments without their call carry no id or name; a signature without its thinking means nothing.
            case StreamEvent.Delta.Arguments a -> Optional.empty();
            case StreamEvent.Delta.Signature s -> Optional.empty();
        };
    }

    private String closeOpen() {
        if (open < 0) {
            return "";
        }
        ObjectNode data = Json.object().put("type", "content_block_stop").put("index", open);
        open = -1;
        return frame("content_block_stop", data);
    }

    private String messageEnd() {
        FinishReason reason = finish.orElse(sawToolUse ? FinishReason.TOOL_CALLS : FinishReason.STOP);
        ObjectNode data = Json.object().put("type", "message_delta");
        data.putObject("delta").put("stop_reason", AnthropicStopReasons.write(reason)).putNull("stop_sequence");
        data.set("usage", AnthropicUsage.write(usage));
        return frame("message_delta", data) + frame("message_stop", Json.object().put("type", "message_stop"));
    }

    private static String frame(String event, ObjectNode data) {
        return "event: " + event + "\ndata: " + Json.write(data) + "\n\n";
    }
}
