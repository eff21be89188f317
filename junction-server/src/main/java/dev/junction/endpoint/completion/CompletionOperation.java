package dev.junction.endpoint.completion;

import dev.junction.completion.CompletionAnswer;
import dev.junction.completion.CompletionRequest;
import dev.junction.endpoint.ChatOperation;
import dev.junction.endpoint.MediaWriter;
import dev.junction.model.Usage;
import dev.junction.pipeline.Exchange;
import dev.junction.pipeline.Operation;
import dev.junction.pipeline.Reply;
import dev.junction.pipeline.StreamTransform;
import dev.junction.routing.OperationKind;
import dev.junction.routing.RequestFacts;
import dev.junction.routing.Route;
import dev.junction.routing.Routed;
import dev.junction.tokens.TokenEstimator;
import io.vertx.core.Future;
import java.util.List;
import java.util.OptionalInt;
import tools.jackson.databind.JsonNode;

/**
 * A legacy completion, routed with failover to OpenAI-compatible servers: the same dialect end to end, so the
 * upstream's body or events go to the client as they are (a stream once its first event has arrived), with the
 * tokens they report recorded for limits and cost. Immutable.
 */
public final class CompletionOperation implements Operation {

    /** OpenAI's {@code max_tokens} default for legacy completions. */
    static final int DEFAULT_MAX_TOKENS = 16;

    private final CompletionRequest request;
    private final List<StreamTransform> transforms;

    public CompletionOperation(CompletionRequest request) {
        this(request, List.of());
    }

    private CompletionOperation(CompletionRequest request, List<StreamTransform> transforms) {
        this.request = request;
        this.transforms = List.copyOf(transforms);
    }

    /**
     * This operation with {@code transform} on its streamed answer, after the ones it has: each choice's text runs
     * through it in canonical form (the output guardrails); a stream no transform applies to passes byte for byte.
     */
    public CompletionOperation through(StreamTransform transform) {
        List<StreamTransform> all = new java.util.ArrayList<>(transforms);
        all.add(transform);
        return new CompletionOperation(request, all);
    }

    /** The request, for the guardrails and extensions. */
    public CompletionRequest request() {
        return request;
    }

    @Override
    public OperationKind kind() {
        return OperationKind.COMPLETIONS;
    }

    @Override
    public String model() {
        return request.model();
    }

    @Override
    public boolean stream() {
        return request.stream();
    }

    @Override
    public long estimateInputTokens() {
        return request.prompts().stream().mapToLong(TokenEstimator::count).sum();
    }

    @Override
    public OptionalInt maxOutputTokens() {
        int perChoice = request.maxTokens().orElse(DEFAULT_MAX_TOKENS);
        long total = (long) perChoice * request.choices() * request.prompts().size();
        return OptionalInt.of((int) Math.min(Integer.MAX_VALUE, total));
    }

    @Override
    public RequestFacts facts() {
        return RequestFacts.of(OperationKind.COMPLETIONS, estimateInputTokens(), maxOutputTokens().getAsInt());
    }

    @Override
    public Future<Routed<Reply>> execute(Exchange exchange, Route route) {
        var rt = exchange.runtime();
        return rt.executor().<CompletionAnswer>run(route, facts(), ChatOperation.pin(exchange),
                exchange.cancellation(), (provider, step) -> rt.completionAdapter(provider).complete(request,
                        provider, step.model(), exchange.requestId(), exchange.propagation(),
                        exchange.cancellation())).map(routed -> {
            Reply reply = switch (routed.value()) {
                case CompletionAnswer.Whole whole -> {
                    exchange.record().usage(usage(whole.body().path("usage"), exchange.inputTokens()));
                    yield new Reply.Json(whole.body());
                }
                case CompletionAnswer.Events events -> {
                    boolean asked = request.body().path("stream_options").path("include_usage").asBoolean(false);
                    CompletionEvents relayed = new CompletionEvents(transforms.isEmpty() ? events.events()
                            : new CanonicalCompletionStream(events.events(), transforms), asked);
                    yield MediaWriter.reply("text/event-stream", relayed, () -> exchange.record().usage(
                            relayed.usage().totalTokens() > 0 ? relayed.usage()
                                    : new Usage(exchange.inputTokens(), 0, 0, 0, 0)));
                }
            };
            return new Routed<>(reply, routed.step(), routed.attempts(), routed.delivered());
        });
    }

    private static Usage usage(JsonNode usage, long estimatedInput) {
        if (!usage.isObject()) {
            return new Usage(estimatedInput, 0, 0, 0, 0);
        }
        return new Usage(usage.path("prompt_tokens").asLong(0), usage.path("completion_tokens").asLong(0), 0, 0, 0);
    }
}
