package dev.junction.stage.guard;

import dev.junction.model.ContentPart;
import dev.junction.model.StreamEvent;
import dev.junction.pipeline.StreamTransform;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * The JSON-schema checks on a streamed answer: the text of each choice and the arguments of each tool call are
 * assembled as they pass, and checked when the message stops. A block then ends the stream with the dialect's error
 * event instead of its stop: bytes already sent cannot be recalled, so a policy that must not let an invalid answer
 * out asks {@code buffer: true}, and every event after the message's start is held until the checks pass. One
 * instance per request; runs on its event loop.
 */
final class SchemaGuard implements StreamTransform {

    private record Call(String id, String name, StringBuilder arguments) {
    }

    private final SchemaCheck check;
    private final GuardResults results;
    private final boolean buffer;
    private final Map<Integer, StringBuilder> texts = new TreeMap<>();
    private final Map<Long, Call> calls = new LinkedHashMap<>();
    private final List<StreamEvent> held = new ArrayList<>();

    SchemaGuard(SchemaCheck check, GuardResults results) {
        this.check = check;
        this.results = results;
        this.buffer = check.buffers();
    }

    @Override
    public void onEvent(StreamEvent event, Consumer<StreamEvent> downstream) {
        switch (event) {
            case StreamEvent.BlockStart(int choice, int index, StreamEvent.Block.ToolCall call) ->
                    calls.put(key(choice, index), new Call(call.id(), call.name(), new StringBuilder()));
            case StreamEvent.BlockDelta(int choice, int index, StreamEvent.Delta.Text t) ->
                    texts.computeIfAbsent(choice, c -> new StringBuilder()).append(t.text());
            case StreamEvent.BlockDelta(int choice, int index, StreamEvent.Delta.Arguments a) -> {
                Call call = calls.get(key(choice, index));
                if (call != null) {
                    call.arguments().append(a.fragment());
                }
            }
            case StreamEvent.MessageStop stop -> {
                finish(stop, downstream);
                return;
            }
            case StreamEvent.StreamError error -> {
                held.clear();
                downstream.accept(error);
                return;
            }
            default -> { }
        }
        if (buffer && !(event instanceof StreamEvent.MessageStart && held.isEmpty())) {
            held.add(event);
        } else {
            downstream.accept(event);
        }
    }

    private void finish(StreamEvent.MessageStop stop, Consumer<StreamEvent> downstream) {
        List<String> answerTexts = texts.values().stream().map(StringBuilder::toString).toList();
        List<ContentPart.ToolCall> answerCalls = calls.values().stream()
                .map(c -> new ContentPart.ToolCall(c.id(), c.name(), c.arguments().toString())).toList();
        SchemaCheck.Outcome outcome = check.check(new SchemaCheck.Answer(answerTexts, answerCalls));
        results.addAll(outcome.hits());
        if (outcome.refusal().isPresent()) {
            held.clear();
            downstream.accept(new StreamEvent.StreamError(outcome.refusal().get()));
            return;
        }
        held.forEach(downstream);
        held.clear();
        downstream.accept(stop);
    }

    private static long key(int choice, int index) {
        return ((long) choice << 32) | (index & 0xFFFFFFFFL);
    }
}
