package dev.junction.stage.guard;

import dev.junction.config.GuardPolicy;
import dev.junction.model.StreamEvent;
import dev.junction.pipeline.StreamTransform;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The external HTTP guards of the output policies on a streamed answer: every event after the message's start is
 * held until the answer is complete, the text of each block is sent to the guards at once, and then the held events
 * leave as they came (allowed or flagged), with each block's text replaced by its masked text (redacted), or the
 * stream ends with the dialect's error event and none of the held text (blocked, or a fail-closed guard that gave no
 * answer). The client sees nothing of the answer until the guards have answered: that is the price of an external
 * guard on a stream. One instance per request; runs on its event loop.
 */
final class HeldAnswerGuard implements StreamTransform {

    private final RemoteScan scan;
    private final List<GuardPolicy> policies;
    private final GuardResults results;
    private final List<StreamEvent> held = new ArrayList<>();
    private final Map<Long, StringBuilder> texts = new LinkedHashMap<>();
    private Promise<Void> checking;

    HeldAnswerGuard(RemoteScan scan, List<GuardPolicy> policies, GuardResults results) {
        this.scan = scan;
        this.policies = policies;
        this.results = results;
    }

    @Override
    public void onEvent(StreamEvent event, Consumer<StreamEvent> downstream) {
        if (checking != null) {
            return; // the answer is complete and being checked; nothing comes after its stop
        }
        switch (event) {
            case StreamEvent.MessageStart start when held.isEmpty() -> downstream.accept(event);
            case StreamEvent.StreamError error -> {
                held.clear();
                downstream.accept(error);
            }
            case StreamEvent.BlockDelta(int choice, int index, StreamEvent.Delta.Text text) -> {
                texts.computeIfAbsent(key(choice, index), k -> new StringBuilder()).append(text.text());
                held.add(event);
            }
            case StreamEvent.MessageStop stop -> {
                held.add(stop);
                check(downstream);
            }
            default -> held.add(event);
        }
    }

    @Override
    public Future<Void> settled() {
        return checking == null ? Future.succeededFuture() : checking.future();
    }

    private void check(Consumer<StreamEvent> downstream) {
        checking = Promise.promise();
        List<Long> blocks = new ArrayList<>(texts.keySet());
        List<String> original = texts.values().stream().map(StringBuilder::toString).toList();
        scan.run(policies, original).onComplete(done -> {
            RemoteScan.Result result = done.succeeded() ? done.result() : RemoteScan.Result.failed(original);
            results.addAll(result.hits());
            if (result.refusal().isPresent()) {
                downstream.accept(new StreamEvent.StreamError(result.refusal().get()));
            } else {
                Map<Long, String> masked = new LinkedHashMap<>();
                for (int i = 0; i < blocks.size(); i++) {
                    if (!result.texts().get(i).equals(original.get(i))) {
                        masked.put(blocks.get(i), result.texts().get(i));
                    }
                }
                release(masked, downstream);
            }
            held.clear();
            checking.complete();
        });
    }

    /** Sends the held events; a masked block's text goes out whole in its first delta, its other deltas dropped. */
    private void release(Map<Long, String> masked, Consumer<StreamEvent> downstream) {
        for (StreamEvent event : held) {
            if (event instanceof StreamEvent.BlockDelta(int choice, int index, StreamEvent.Delta.Text t)
                    && masked.containsKey(key(choice, index))) {
                String text = masked.put(key(choice, index), "");
                if (!text.isEmpty()) {
                    downstream.accept(new StreamEvent.BlockDelta(choice, index, new StreamEvent.Delta.Text(text)));
                }
                continue;
            }
            downstream.accept(event);
        }
    }

    private static long key(int choice, int index) {
        return ((long) choice << 32) | (index & 0xFFFFFFFFL);
    }
}
