package dev.junction.dialect.anthropic;

import dev.junction.dialect.StreamDecoder;
import dev.junction.json.Json;
import dev.junction.model.Dialect;
import dev.junction.model.GatewayError;
import dev.junction.model.StreamEvent;
import dev.junction.model.ThoughtSignature;
import dev.junction.model.Usage;
import dev.junction.secret.Redactor;
import dev.junction.upstream.SseEvent;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Turns an upstream's Messages stream into canonical events, dispatching on the SSE {@code event:} name as the SDKs
 * do. Anthropic's block indexes are kept as the canonical ones; blocks the canonical stream cannot carry (server
 * tool use and results, redacted thinking) are skipped, so indexes may have gaps. Usage from {@code message_start}
 * and {@code message_delta} is merged. One instance per stream; not thread safe.
 */
public final class AnthropicStreamDecoder implements StreamDecoder {

    private final Redactor redactor;
    private final Set<Integer> skipped = new HashSet<>();
    private Usage usage = Usage.ZERO;
    private boolean done;
    private boolean failed;

    public AnthropicStreamDecoder(Redactor redactor) {
        this.redactor = redactor;
    }

    @Override
    public boolean done() {
        return done;
    }

    @Override
    public List<StreamEvent> decode(SseEvent event) {
        if (done || failed || event.data().isEmpty()) {
            return List.of();
        }
        Optional<JsonNode> parsed = Json.tryParse(event.data());
        if (parsed.isEmpty() || !parsed.get().isObject()) {
            return fail(new GatewayError.BadGateway("The upstream sent a stream event that is not JSON.", false));
        }
        JsonNode data = parsed.get();
        String name = event.event().isEmpty() ? data.path("type").asString("") : event.event();
        List<StreamEvent> out = new ArrayList<>(2);
        switch (name) {
            case "message_start" -> {
                JsonNode message = data.path("message");
                usage = AnthropicUsage.merge(usage, message.get("usage"));
                out.add(new StreamEvent.MessageStart(message.path("id").asString(""),
                        message.path("model").asString(""), 0, usage));
            }
            case "content_block_start" -> blockStart(data.path("index").asInt(0), data.path("content_block"), out);
            case "content_block_delta" -> blockDelta(data.path("index").asInt(0), data.path("delta"), out);
            case "content_block_stop" -> {
                int index = data.path("index").asInt(0);
                if (!skipped.contains(index)) {
                    out.add(new StreamEvent.BlockStop(0, index));
                }
            }
            case "message_delta" -> {
                AnthropicStopReasons.read(data.path("delta").path("stop_reason").stringValue(null))
                        .ifPresent(r -> out.add(new StreamEvent.Finish(0, r)));
                JsonNode reported = data.get("usage");
                if (reported != null && reported.isObject()) {
                    usage = AnthropicUsage.merge(usage, reported);
                    out.add(new StreamEvent.UsageUpdate(usage));
                }
            }
            case "message_stop" -> {
                done = true;
                out.add(new StreamEvent.MessageStop());
            }
            case "error" -> {
                return fail(AnthropicErrors.classifyStreamError(data, redactor));
            }
            default -> { /* ping, and event types added after this code was written */ }
        }
        return out;
    }

    private void blockStart(int index, JsonNode block, List<StreamEvent> out) {
        switch (block.path("type").asString("")) {
            case "text" -> {
                out.add(new StreamEvent.BlockStart(0, index, new StreamEvent.Block.Text()));
                String text = block.path("text").asString("");
                if (!text.isEmpty()) {
                    out.add(new StreamEvent.BlockDelta(0, index, new StreamEvent.Delta.Text(text)));
                }
            }
            case "tool_use" -> {
                out.add(new StreamEvent.BlockStart(0, index, new StreamEvent.Block.ToolCall(
                        block.path("id").asString(""), block.path("name").asString(""))));
                JsonNode input = block.path("input");
                if (input.isObject() && !input.isEmpty()) {
                    out.add(new StreamEvent.BlockDelta(0, index, new StreamEvent.Delta.Arguments(Json.write(input))));
                }
            }
            case "thinking" -> {
                out.add(new StreamEvent.BlockStart(0, index, new StreamEvent.Block.Thinking()));
                String text = block.path("thinking").asString("");
                if (!text.isEmpty()) {
                    out.add(new StreamEvent.BlockDelta(0, index, new StreamEvent.Delta.Thinking(text)));
                }
                signature(index, block.path("signature").asString(""), out);
            }
            default -> skipped.add(index);
        }
    }

    private void blockDelta(int index, JsonNode delta, List<StreamEvent> out) {
        if (skipped.contains(index)) {
            return;
        }
        switch (delta.path("type").asString("")) {
            case "text_delta" -> out.add(new StreamEvent.BlockDelta(0, index,
                    new StreamEvent.Delta.Text(delta.path("text").asString(""))));
            case "input_json_delta" -> {
                String fragment = delta.path("partial_json").asString("");
                if (!fragment.isEmpty()) {
                    out.add(new StreamEvent.BlockDelta(0, index, new StreamEvent.Delta.Arguments(fragment)));
                }
            }
            case "thinking_delta" -> out.add(new StreamEvent.BlockDelta(0, index,
                    new StreamEvent.Delta.Thinking(delta.path("thinking").asString(""))));
            case "signature_delta" -> signature(index, delta.path("signature").asString(""), out);
            default -> { /* citations_delta and newer delta types have no canonical counterpart */ }
        }
    }

    private static void signature(int index, String raw, List<StreamEvent> out) {
        if (!raw.isEmpty()) {
            out.add(new StreamEvent.BlockDelta(0, index,
                    new StreamEvent.Delta.Signature(ThoughtSignature.tag(Dialect.ANTHROPIC, raw))));
        }
    }

    private List<StreamEvent> fail(GatewayError error) {
        failed = true;
        return List.of(new StreamEvent.StreamError(error));
    }
}
