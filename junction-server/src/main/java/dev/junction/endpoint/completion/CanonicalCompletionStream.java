package dev.junction.endpoint.completion;

import dev.junction.dialect.openai.OpenAiErrors;
import dev.junction.json.Json;
import dev.junction.model.FinishReason;
import dev.junction.model.GatewayError;
import dev.junction.model.StreamEvent;
import dev.junction.pipeline.StreamTransform;
import dev.junction.upstream.EventStream;
import dev.junction.upstream.SseEvent;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A legacy completion's stream passed through canonical stream transforms (the output guardrails): each choice's
 * {@code text} goes in as a text delta of that choice, its {@code finish_reason} as that choice's finish, and the end
 * of the stream as the message's stop; what the transforms let out comes back as completion chunks (the upstream
 * chunk's {@code id}, {@code created} and {@code model}), each finish as the upstream's own finishing chunk with its
 * text moved before it, and a transform's error as OpenAI's {@code error} chunk, which ends the stream (the upstream
 * is cancelled). Transforms may let events out later than they got them (an external guard holds the answer until
 * it is checked): {@code [DONE]} and the end wait until every transform has settled. Chunks without choices (the
 * usage chunk) pass as they are. Only used when a transform applies; the byte pass-through stays the rule. Confined
 * to the stream's event loop.
 */
final class CanonicalCompletionStream implements EventStream<SseEvent> {

    private final EventStream<SseEvent> upstream;
    private final List<StreamTransform> transforms;
    /** Each choice's finishing chunk, written when its finish comes out of the transforms. */
    private final Map<Integer, ObjectNode> finishes = new HashMap<>();
    private ObjectNode template = Json.object().put("object", "text_completion");
    private Consumer<SseEvent> onEvent;
    private Runnable onEnd;
    private Consumer<StreamEvent> head;
    private boolean ended;

    CanonicalCompletionStream(EventStream<SseEvent> upstream, List<StreamTransform> transforms) {
        this.upstream = upstream;
        this.transforms = List.copyOf(transforms);
    }

    @Override
    public void start(Consumer<SseEvent> onEvent, Consumer<GatewayError> onError, Runnable onEnd) {
        this.onEvent = onEvent;
        this.onEnd = onEnd;
        Consumer<StreamEvent> chain = this::write;
        for (int i = transforms.size() - 1; i >= 0; i--) {
            StreamTransform transform = transforms.get(i);
            Consumer<StreamEvent> next = chain;
            chain = event -> transform.onEvent(event, next);
        }
        this.head = chain;
        upstream.start(this::read, error -> {
            if (!ended) {
                ended = true;
                onError.accept(error);
            }
        }, () -> {
            if (!ended) {
                head.accept(new StreamEvent.MessageStop());
                whenSettled(this::end);
            }
        });
    }

    private void read(SseEvent event) {
        if (ended) {
            return;
        }
        if (!event.hasData() || event.dataStartsWith("[DONE]")) {
            head.accept(new StreamEvent.MessageStop());
            whenSettled(() -> {
                if (!ended) {
                    onEvent.accept(event);
                }
            });
            return;
        }
        JsonNode chunk = Json.tryParse(event.data()).orElse(null);
        if (!(chunk instanceof ObjectNode object) || !(chunk.path("choices") instanceof ArrayNode choices)
                || choices.isEmpty()) {
            onEvent.accept(event);
            return;
        }
        template = object.deepCopy();
        template.remove("choices");
        template.remove("usage");
        for (JsonNode choice : choices) {
            int index = choice.path("index").asInt(0);
            String text = choice.path("text").asString("");
            if (!text.isEmpty()) {
                head.accept(new StreamEvent.BlockDelta(index, 0, new StreamEvent.Delta.Text(text)));
            }
            JsonNode reason = choice.path("finish_reason");
            if (!reason.isNull() && !reason.isMissingNode() && !ended) {
                ObjectNode finish = chunkOf(((ObjectNode) choice).deepCopy().put("text", ""));
                if (object.path("usage").isObject()) {
                    finish.set("usage", object.get("usage"));
                }
                finishes.put(index, finish);
                head.accept(new StreamEvent.BlockStop(index, 0));
                head.accept(new StreamEvent.Finish(index, FinishReason.STOP));
            }
        }
    }

    /** Writes what came out of the transforms. */
    private void write(StreamEvent event) {
        if (ended) {
            return;
        }
        switch (event) {
            case StreamEvent.BlockDelta(int choice, int block, StreamEvent.Delta.Text text) ->
                    onEvent.accept(frame(chunkOf(Json.object().put("text", text.text()).put("index", choice)
                            .putNull("logprobs").putNull("finish_reason"))));
            case StreamEvent.Finish finish -> {
                ObjectNode chunk = finishes.remove(finish.choice());
                if (chunk != null) {
                    onEvent.accept(frame(chunk));
                }
            }
            case StreamEvent.StreamError error -> {
                ended = true;
                upstream.cancel();
                onEvent.accept(frame(OpenAiErrors.render(error.error())));
                onEnd.run();
            }
            default -> { } // block stops and the message's stop have no chunk of their own
        }
    }

    private void whenSettled(Runnable then) {
        List<Future<Void>> settling = new ArrayList<>();
        transforms.forEach(t -> settling.add(t.settled()));
        Future.join(settling).onComplete(done -> then.run());
    }

    private void end() {
        if (!ended) {
            ended = true;
            onEnd.run();
        }
    }

    private ObjectNode chunkOf(ObjectNode choice) {
        ObjectNode chunk = template.deepCopy();
        chunk.putArray("choices").add(choice);
        return chunk;
    }

    private static SseEvent frame(JsonNode data) {
        return SseEvent.of("data: " + Json.write(data) + "\n\n");
    }

    @Override
    public void pause() {
        upstream.pause();
    }

    @Override
    public void resume() {
        upstream.resume();
    }

    @Override
    public void cancel() {
        ended = true;
        upstream.cancel();
    }
}
