package dev.junction.dialect.responses;

import dev.junction.dialect.StreamDecoder;
import dev.junction.json.Json;
import dev.junction.model.GatewayError;
import dev.junction.model.StreamEvent;
import dev.junction.model.Usage;
import dev.junction.secret.Redactor;
import dev.junction.upstream.SseEvent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * Turns an upstream's Responses stream into canonical events, dispatching on the event type as the SDKs do. Each
 * content part of a message item, each function call and each reasoning item is one canonical block, numbered in
 * order of appearance; items the canonical stream cannot carry (built-in tool calls) are skipped. Usage and the
 * finish reason come with the terminal {@code response.completed} / {@code response.incomplete};
 * {@code response.failed} and {@code error} become a {@link StreamEvent.StreamError}. One instance per stream; not
 * thread safe.
 */
public final class ResponsesStreamDecoder implements StreamDecoder {

    private final Redactor redactor;
    /** Canonical block of each open part ({@code output_index:content_index}) or item ({@code output_index}). */
    private final Map<String, Integer> blocksByKey = new HashMap<>();
    /** Whether arguments of a call block were streamed as deltas; a server may send them only when done. */
    private final Map<Integer, Boolean> streamedArguments = new HashMap<>();
    private int nextBlock;
    private boolean started;
    private boolean calledFunctions;
    private boolean done;
    private boolean failed;

    /** @param redactor masks secrets in the messages of upstream errors */
    public ResponsesStreamDecoder(Redactor redactor) {
        this.redactor = redactor;
    }

    @Override
    public boolean done() {
        return done;
    }

    @Override
    public List<StreamEvent> decode(SseEvent event) {
        if (done || failed || event.data().isEmpty() || event.data().equals("[DONE]")) {
            return List.of();
        }
        Optional<JsonNode> parsed = Json.tryParse(event.data());
        if (parsed.isEmpty() || !parsed.get().isObject()) {
            return fail(new GatewayError.BadGateway("The upstream sent a stream event that is not JSON.", false));
        }
        JsonNode data = parsed.get();
        String type = data.path("type").asString(event.event());
        List<StreamEvent> out = new ArrayList<>(2);
        switch (type) {
            case "response.created", "response.in_progress", "response.queued" -> start(data.path("response"), out);
            case "response.output_item.added" -> itemAdded(data, out);
            case "response.content_part.added" -> partAdded(data, out);
            case "response.output_text.delta" -> delta(part(data), new StreamEvent.Delta.Text(
                    data.path("delta").asString(""), ResponsesLogprobs.read(data.get("logprobs"))), out);
            case "response.refusal.delta" -> delta(part(data), new StreamEvent.Delta.Refusal(
                    data.path("delta").asString("")), out);
            case "response.content_part.done" -> stop(part(data), out);
            case "response.function_call_arguments.delta" -> {
                Integer block = blocksByKey.get(item(data));
                if (block != null && !data.path("delta").asString("").isEmpty()) {
                    streamedArguments.put(block, true);
                }
                delta(item(data), new StreamEvent.Delta.Arguments(data.path("delta").asString("")), out);
            }
            case "response.reasoning_summary_part.added" -> {
                if (data.path("summary_index").asInt(0) > 0) {
                    delta(item(data), new StreamEvent.Delta.Thinking("\n\n"), out);
                }
            }
            case "response.reasoning_summary_text.delta", "response.reasoning_text.delta" ->
                    delta(item(data), new StreamEvent.Delta.Thinking(data.path("delta").asString("")), out);
            case "response.output_item.done" -> itemDone(data, out);
            case "response.completed", "response.incomplete" -> finish(data.path("response"), out);
            case "response.failed" -> {
                done = true;
                return fail(ResponsesErrors.classify(data.path("response").path("error"), redactor));
            }
            case "error" -> {
                return fail(ResponsesErrors.classify(data, redactor));
            }
            default -> { /* annotations, built-in tool progress, and event types added after this was written */ }
        }
        return out;
    }

    private void start(JsonNode response, List<StreamEvent> out) {
        if (!started) {
            started = true;
            out.add(new StreamEvent.MessageStart(response.path("id").asString(""),
                    response.path("model").asString(""), response.path("created_at").asLong(0), Usage.ZERO));
        }
    }

    private void itemAdded(JsonNode data, List<StreamEvent> out) {
        JsonNode item = data.path("item");
        switch (item.path("type").asString("")) {
            case "function_call" -> {
                int block = open(item(data), new StreamEvent.Block.ToolCall(item.path("call_id").asString(""),
                        ResponsesNamespaces.callName(item, item.path("name").asString(""))), out);
                String arguments = item.path("arguments").asString("");
                if (!arguments.isEmpty()) {
                    streamedArguments.put(block, true);
                    out.add(new StreamEvent.BlockDelta(0, block, new StreamEvent.Delta.Arguments(arguments)));
                }
            }
            case "reasoning" -> open(item(data), new StreamEvent.Block.Thinking(), out);
            default -> { /* a message opens blocks per content part; built-in tool items have none */ }
        }
    }

    private void partAdded(JsonNode data, List<StreamEvent> out) {
        switch (data.path("part").path("type").asString("")) {
            case "output_text" -> open(part(data), new StreamEvent.Block.Text(), out);
            case "refusal" -> open(part(data), new StreamEvent.Block.Refusal(), out);
            default -> { /* newer part types have no canonical counterpart */ }
        }
    }

    private void itemDone(JsonNode data, List<StreamEvent> out) {
        JsonNode item = data.path("item");
        Integer block = blocksByKey.get(item(data));
        if (block == null) {
            // A message: close any part that did not get its content_part.done.
            String prefix = item(data) + ":";
            openKeys().stream().filter(k -> k.startsWith(prefix)).forEach(k -> stop(k, out));
            return;
        }
        switch (item.path("type").asString("")) {
            case "function_call" -> {
                calledFunctions = true;
                String arguments = item.path("arguments").asString("");
                if (!streamedArguments.getOrDefault(block, false) && !arguments.isEmpty()) {
                    out.add(new StreamEvent.BlockDelta(0, block, new StreamEvent.Delta.Arguments(arguments)));
                }
            }
            case "reasoning" -> {
                ResponsesReasoning.fromUpstream(item).signature().ifPresent(s ->
                        out.add(new StreamEvent.BlockDelta(0, block, new StreamEvent.Delta.Signature(s))));
            }
            default -> { }
        }
        stop(item(data), out);
    }

    private void finish(JsonNode response, List<StreamEvent> out) {
        start(response, out);
        openKeys().forEach(key -> stop(key, out));
        done = true;
        for (JsonNode item : response.path("output")) {
            calledFunctions |= "function_call".equals(item.path("type").asString(""));
        }
        out.add(new StreamEvent.Finish(0, ResponsesStatus.read(response, calledFunctions)));
        out.add(new StreamEvent.UsageUpdate(ResponsesUsage.read(response.get("usage"))));
        out.add(new StreamEvent.MessageStop());
    }

    /** The keys of the open blocks, in block order. */
    private List<String> openKeys() {
        return blocksByKey.entrySet().stream().sorted(Map.Entry.comparingByValue()).map(Map.Entry::getKey).toList();
    }

    private int open(String key, StreamEvent.Block block, List<StreamEvent> out) {
        int index = nextBlock++;
        blocksByKey.put(key, index);
        out.add(new StreamEvent.BlockStart(0, index, block));
        return index;
    }

    private void delta(String key, StreamEvent.Delta delta, List<StreamEvent> out) {
        Integer block = blocksByKey.get(key);
        if (block != null) {
            out.add(new StreamEvent.BlockDelta(0, block, delta));
        }
    }

    private void stop(String key, List<StreamEvent> out) {
        Integer block = blocksByKey.remove(key);
        if (block != null) {
            out.add(new StreamEvent.BlockStop(0, block));
        }
    }

    private static String item(JsonNode data) {
        return Integer.toString(data.path("output_index").asInt(0));
    }

    private static String part(JsonNode data) {
        return item(data) + ":" + data.path("content_index").asInt(0);
    }

    private List<StreamEvent> fail(GatewayError error) {
        failed = true;
        return List.of(new StreamEvent.StreamError(error));
    }
}
