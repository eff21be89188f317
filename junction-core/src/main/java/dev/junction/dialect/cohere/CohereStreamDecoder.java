package dev.junction.dialect.cohere;

import dev.junction.dialect.StreamDecoder;
import dev.junction.json.Json;
import dev.junction.model.GatewayError;
import dev.junction.model.StreamEvent;
import dev.junction.model.Usage;
import dev.junction.secret.Redactor;
import dev.junction.upstream.SseEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * Turns a {@code /v2/chat} stream into canonical events. Cohere numbers content items and tool calls separately
 * ({@code index} of each kind from 0); canonical blocks are numbered in arrival order across kinds. A
 * {@code tool-plan-delta} run is a thinking block, closed when the first call starts; {@code content-start} of type
 * {@code thinking} opens a thinking block, any other a text block; {@code tool-call-start} opens a tool block (its
 * first arguments fragment, if any, follows at once). Citations are not streamed to clients (no canonical form).
 * {@code message-end} carries the finish reason and usage and ends the stream. One instance per stream; not thread
 * safe.
 */
public final class CohereStreamDecoder implements StreamDecoder {

    private final Redactor redactor;
    private int nextBlock;
    private int open = -1;
    private boolean plan;
    private boolean done;
    private boolean over;

    public CohereStreamDecoder(Redactor redactor) {
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
            fail("The upstream sent a stream event that is not a JSON object.", out);
            return out;
        }
        JsonNode data = parsed.get();
        String type = event.event().isEmpty() ? data.path("type").asString("") : event.event();
        JsonNode message = data.path("delta").path("message");
        switch (type) {
            case "message-start" -> out.add(new StreamEvent.MessageStart(data.path("id").asString(""), "",
                    Instant.now().getEpochSecond(), Usage.ZERO));
            case "content-start" -> {
                boolean thinking = "thinking".equals(message.path("content").path("type").asString(""));
                openBlock(thinking ? new StreamEvent.Block.Thinking() : new StreamEvent.Block.Text(), out);
                content(message.path("content"), out);
            }
            case "content-delta" -> content(message.path("content"), out);
            case "tool-plan-delta" -> {
                if (!plan) {
                    openBlock(new StreamEvent.Block.Thinking(), out);
                    plan = true;
                }
                out.add(new StreamEvent.BlockDelta(0, open,
                        new StreamEvent.Delta.Thinking(message.path("tool_plan").asString(""))));
            }
            case "tool-call-start" -> {
                JsonNode call = message.path("tool_calls");
                openBlock(new StreamEvent.Block.ToolCall(call.path("id").asString(""),
                        call.path("function").path("name").asString("")), out);
                arguments(call, out);
            }
            case "tool-call-delta" -> arguments(message.path("tool_calls"), out);
            case "content-end", "tool-call-end" -> closeBlock(out);
            case "message-end" -> end(data.path("delta"), out);
            default -> { } // citation-start/-end, debug: nothing a client renders
        }
        return out;
    }

    @Override
    public boolean done() {
        return done;
    }

    private void content(JsonNode content, List<StreamEvent> out) {
        if (open < 0) {
            return;
        }
        if (content.has("thinking")) {
            String text = content.path("thinking").asString("");
            if (!text.isEmpty()) {
                out.add(new StreamEvent.BlockDelta(0, open, new StreamEvent.Delta.Thinking(text)));
            }
            return;
        }
        String text = content.path("text").asString("");
        if (!text.isEmpty()) {
            out.add(new StreamEvent.BlockDelta(0, open, new StreamEvent.Delta.Text(text)));
        }
    }

    private void arguments(JsonNode call, List<StreamEvent> out) {
        String fragment = call.path("function").path("arguments").asString("");
        if (open >= 0 && !fragment.isEmpty()) {
            out.add(new StreamEvent.BlockDelta(0, open, new StreamEvent.Delta.Arguments(fragment)));
        }
    }

    private void openBlock(StreamEvent.Block block, List<StreamEvent> out) {
        closeBlock(out);
        plan = false;
        open = nextBlock++;
        out.add(new StreamEvent.BlockStart(0, open, block));
    }

    private void closeBlock(List<StreamEvent> out) {
        if (open >= 0) {
            out.add(new StreamEvent.BlockStop(0, open));
            open = -1;
        }
    }

    private void end(JsonNode delta, List<StreamEvent> out) {
        closeBlock(out);
        if (delta.has("error")) {
            fail("The upstream failed mid-stream: " + redactor.redact(delta.path("error").asString("")), out);
            return;
        }
        out.add(new StreamEvent.Finish(0, CohereReplies.finishReason(delta.path("finish_reason").asString(""))));
        out.add(new StreamEvent.UsageUpdate(CohereReplies.usage(delta.path("usage"))));
        out.add(new StreamEvent.MessageStop());
        done = true;
        over = true;
    }

    private void fail(String message, List<StreamEvent> out) {
        over = true;
        out.add(new StreamEvent.StreamError(new GatewayError.BadGateway(message, false)));
    }
}
