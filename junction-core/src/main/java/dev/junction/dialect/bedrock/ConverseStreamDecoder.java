package dev.junction.dialect.bedrock;

import dev.junction.dialect.StreamDecoder;
import dev.junction.json.Json;
import dev.junction.model.Dialect;
import dev.junction.model.GatewayError;
import dev.junction.model.StreamEvent;
import dev.junction.model.ThoughtSignature;
import dev.junction.model.Usage;
import dev.junction.secret.Redactor;
import dev.junction.upstream.SseEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;

/**
 * Turns a ConverseStream (its frames made SSE events by {@link EventStreamFraming}) into canonical events. Converse
 * numbers its content blocks; a {@code toolUse} block opens with {@code contentBlockStart}, text and reasoning blocks
 * open with their first delta, so the decoder opens a block of the delta's kind when needed. {@code messageStop}
 * carries the stop reason and {@code metadata}, which follows it, the usage; the stream is complete after
 * {@code messageStop}, and {@link StreamEvent.MessageStop} is emitted after the usage (or by {@link #finish()}).
 * An exception frame ends the stream with its classified error. One instance per stream; not thread safe.
 */
public final class ConverseStreamDecoder implements StreamDecoder {

    private final Redactor redactor;
    private final TreeMap<Integer, String> open = new TreeMap<>();
    private boolean started;
    private boolean stopped;
    private boolean over;

    public ConverseStreamDecoder(Redactor redactor) {
        this.redactor = redactor;
    }

    @Override
    public List<StreamEvent> decode(SseEvent event) {
        if (over || !event.hasData()) {
            return List.of();
        }
        List<StreamEvent> out = new ArrayList<>(3);
        Optional<JsonNode> parsed = Json.tryParse(event.data()).filter(JsonNode::isObject);
        if (parsed.isEmpty()) {
            fail(new GatewayError.BadGateway("The upstream sent a stream event that is not JSON.", false), out);
            return out;
        }
        JsonNode data = parsed.get();
        String name = event.event();
        if (!name.equals(EventStreamFraming.EXCEPTION)) {
            start(out);
        }
        switch (name) {
            case "contentBlockStart" -> blockStart(data, out);
            case "contentBlockDelta" -> delta(data, out);
            case "contentBlockStop" -> close(data.path("contentBlockIndex").asInt(0), out);
            case "messageStop" -> {
                closeAll(out);
                out.add(new StreamEvent.Finish(0, BedrockStopReasons.read(data.path("stopReason")
                        .asString("end_turn"))));
                stopped = true;
            }
            case "metadata" -> {
                if (data.path("usage").isObject()) {
                    out.add(new StreamEvent.UsageUpdate(BedrockUsage.read(data.get("usage"))));
                }
                if (stopped) {
                    out.add(new StreamEvent.MessageStop());
                    over = true;
                }
            }
            case EventStreamFraming.EXCEPTION -> fail(BedrockErrors.ofStreamException(
                    data.path("exceptionType").asString(""), data.path("message").asString(""), "bedrock",
                    redactor), out);
            default -> { } // messageStart (the start is implied), and event types added later
        }
        return out;
    }

    @Override
    public boolean done() {
        return stopped;
    }

    @Override
    public List<StreamEvent> finish() {
        if (over || !stopped) {
            return List.of();
        }
        over = true;
        return List.of(new StreamEvent.MessageStop());
    }

    private void start(List<StreamEvent> out) {
        if (!started) {
            started = true;
            out.add(new StreamEvent.MessageStart(ConverseResponseMapper.newId(), "", Instant.now().getEpochSecond(),
                    Usage.ZERO));
        }
    }

    private void blockStart(JsonNode data, List<StreamEvent> out) {
        int index = data.path("contentBlockIndex").asInt(0);
        JsonNode toolUse = data.path("start").get("toolUse");
        if (toolUse != null && toolUse.isObject()) {
            close(index, out);
            open.put(index, "toolUse");
            out.add(new StreamEvent.BlockStart(0, index, new StreamEvent.Block.ToolCall(
                    toolUse.path("toolUseId").asString(""), toolUse.path("name").asString(""))));
        }
    }

    private void delta(JsonNode data, List<StreamEvent> out) {
        int index = data.path("contentBlockIndex").asInt(0);
        JsonNode delta = data.path("delta");
        if (delta.path("text").isString()) {
            ensure(index, "text", new StreamEvent.Block.Text(), out);
            out.add(new StreamEvent.BlockDelta(0, index, new StreamEvent.Delta.Text(delta.get("text").stringValue())));
        } else if (delta.path("toolUse").path("input").isString()) {
            ensure(index, "toolUse", new StreamEvent.Block.ToolCall("", ""), out);
            out.add(new StreamEvent.BlockDelta(0, index, new StreamEvent.Delta.Arguments(
                    delta.get("toolUse").get("input").stringValue())));
        } else if (delta.path("reasoningContent").isObject()) {
            JsonNode reasoning = delta.get("reasoningContent");
            ensure(index, "reasoning", new StreamEvent.Block.Thinking(), out);
            if (reasoning.path("text").isString()) {
                out.add(new StreamEvent.BlockDelta(0, index, new StreamEvent.Delta.Thinking(
                        reasoning.get("text").stringValue())));
            }
            if (reasoning.path("signature").isString()) {
                out.add(new StreamEvent.BlockDelta(0, index, new StreamEvent.Delta.Signature(
                        ThoughtSignature.tag(Dialect.BEDROCK_CONVERSE, reasoning.get("signature").stringValue()))));
            }
        }
    }

    private void ensure(int index, String kind, StreamEvent.Block block, List<StreamEvent> out) {
        if (kind.equals(open.get(index))) {
            return;
        }
        close(index, out);
        open.put(index, kind);
        out.add(new StreamEvent.BlockStart(0, index, block));
    }

    private void close(int index, List<StreamEvent> out) {
        if (open.remove(index) != null) {
            out.add(new StreamEvent.BlockStop(0, index));
        }
    }

    private void closeAll(List<StreamEvent> out) {
        while (!open.isEmpty()) {
            close(open.firstKey(), out);
        }
    }

    private void fail(GatewayError error, List<StreamEvent> out) {
        out.add(new StreamEvent.StreamError(error));
        over = true;
    }
}
