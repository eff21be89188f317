package dev.junction.dialect.ollama;

import dev.junction.dialect.StreamDecoder;
import dev.junction.json.Json;
import dev.junction.model.ContentPart;
import dev.junction.model.GatewayError;
import dev.junction.model.StreamEvent;
import dev.junction.model.Usage;
import dev.junction.secret.Redactor;
import dev.junction.upstream.SseEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * Turns an {@code /api/chat} NDJSON stream (one object per line, delivered as the data of an {@link SseEvent} by
 * {@code NdjsonParser}) into canonical events. Runs of {@code thinking} become a thinking block and runs of
 * {@code content} a text block; each tool call arrives whole in one line and becomes a complete tool block. The
 * {@code done: true} line closes the open block and carries the finish reason and usage. A {@code {"error": …}} line
 * is a stream error. One instance per stream; not thread safe.
 */
public final class OllamaStreamDecoder implements StreamDecoder {

    private enum Open { NONE, TEXT, THINKING }

    private final Redactor redactor;
    private final String id = OllamaReplies.newId();
    private boolean started;
    private boolean done;
    private boolean over;
    private boolean calledTools;
    private int nextBlock;
    private Open open = Open.NONE;

    public OllamaStreamDecoder(Redactor redactor) {
        this.redactor = redactor;
    }

    @Override
    public List<StreamEvent> decode(SseEvent event) {
        if (over || !event.hasData()) {
            return List.of();
        }
        List<StreamEvent> out = new ArrayList<>(4);
        Optional<JsonNode> parsed = Json.tryParse(event.data()).filter(JsonNode::isObject);
        if (parsed.isEmpty()) {
            fail(new GatewayError.BadGateway("The upstream sent a stream line that is not a JSON object.", false),
                    out);
            return out;
        }
        JsonNode line = parsed.get();
        if (line.has("error")) {
            fail(OllamaErrors.inStream(line.path("error").asString(""), redactor), out);
            return out;
        }
        if (!started) {
            started = true;
            out.add(new StreamEvent.MessageStart(id, line.path("model").asString(""), OllamaReplies.created(line),
                    Usage.ZERO));
        }
        JsonNode message = line.path("message");
        append(Open.THINKING, message.path("thinking").asString(""), out);
        append(Open.TEXT, message.path("content").asString(""), out);
        for (ContentPart.ToolCall call : OllamaReplies.toolCalls(message, id + nextBlock)) {
            close(out);
            calledTools = true;
            int index = nextBlock++;
            out.add(new StreamEvent.BlockStart(0, index, new StreamEvent.Block.ToolCall(call.id(), call.name())));
            out.add(new StreamEvent.BlockDelta(0, index, new StreamEvent.Delta.Arguments(call.arguments())));
            out.add(new StreamEvent.BlockStop(0, index));
        }
        if (line.path("done").asBoolean(false)) {
            close(out);
            out.add(new StreamEvent.Finish(0, OllamaReplies.finishReason(line.path("done_reason").asString(""),
                    calledTools)));
            out.add(new StreamEvent.UsageUpdate(OllamaReplies.usage(line)));
            out.add(new StreamEvent.MessageStop());
            done = true;
            over = true;
        }
        return out;
    }

    @Override
    public boolean done() {
        return done;
    }

    private void append(Open kind, String text, List<StreamEvent> out) {
        if (text.isEmpty()) {
            return;
        }
        if (open != kind) {
            close(out);
            open = kind;
            out.add(new StreamEvent.BlockStart(0, nextBlock, kind == Open.TEXT ? new StreamEvent.Block.Text()
                    : new StreamEvent.Block.Thinking()));
        }
        out.add(new StreamEvent.BlockDelta(0, nextBlock, kind == Open.TEXT ? new StreamEvent.Delta.Text(text)
                : new StreamEvent.Delta.Thinking(text)));
    }

    private void close(List<StreamEvent> out) {
        if (open != Open.NONE) {
            out.add(new StreamEvent.BlockStop(0, nextBlock++));
            open = Open.NONE;
        }
    }

    private void fail(GatewayError error, List<StreamEvent> out) {
        over = true;
        out.add(new StreamEvent.StreamError(error));
    }
}
