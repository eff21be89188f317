package dev.junction.endpoint;

import dev.junction.model.ChatRequest;
import dev.junction.model.ChatResponse;
import dev.junction.pipeline.CacheableOperation;
import dev.junction.pipeline.ClientDialect;
import dev.junction.pipeline.Exchange;
import dev.junction.pipeline.Reply;
import dev.junction.routing.Pin;
import dev.junction.routing.RequestFacts;
import dev.junction.routing.Route;
import dev.junction.routing.Routed;
import dev.junction.tokens.TokenEstimator;
import dev.junction.upstream.ClientRequest;
import dev.junction.upstream.Propagation;
import dev.junction.upstream.UpstreamReply;
import io.vertx.core.Future;
import java.util.OptionalInt;
import java.util.Set;

/**
 * A chat turn in any client dialect (Chat Completions, Messages, generateContent): routed with failover by the
 * {@link dev.junction.routing.RouteExecutor}, answered by a {@link ChatReplyWriter} in the client's dialect and stream
 * format. Immutable.
 */
public final class ChatOperation implements CacheableOperation {

    private final ClientRequest request;
    private final ClientDialect client;
    private final StreamFormat format;
    private final ChatRendering rendering;
    private final ChatReplyWriter writer;

    public ChatOperation(ClientRequest request, ClientDialect client, StreamFormat format) {
        this(request, client, format, ChatRendering.standard(client.codec()::responseFromCanonical));
    }

    /** A chat turn whose answer is rendered the way {@code rendering} says (the Responses API's conversations). */
    public ChatOperation(ClientRequest request, ClientDialect client, StreamFormat format, ChatRendering rendering) {
        this.request = request;
        this.client = client;
        this.format = format;
        this.rendering = rendering;
        this.writer = new ChatReplyWriter(client, request, format, rendering);
    }

    /** The request as the client sent it (or as a stage rewrote it). */
    public ClientRequest request() {
        return request;
    }

    /** The same turn, answered the same way, with {@code rewritten} in place of the request (a guardrail's masks). */
    public ChatOperation withRequest(ClientRequest rewritten) {
        return new ChatOperation(rewritten, client, format, rendering);
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
        return TokenEstimator.estimate(request.canonical());
    }

    @Override
    public OptionalInt maxOutputTokens() {
        return request.canonical().sampling().maxTokens();
    }

    @Override
    public RequestFacts facts() {
        return RequestFacts.of(request.canonical());
    }

    /** The canonical request. */
    @Override
    public ChatRequest canonical() {
        return request.canonical();
    }

    @Override
    public Reply.Chat answer(ChatResponse response, java.time.Duration pace) {
        return new Reply.Chat(new UpstreamReply.Synthesized(response, Set.of(), pace), writer);
    }

    @Override
    public Future<Routed<Reply>> execute(Exchange exchange, Route route) {
        ClientRequest traced = exchange.propagation() == Propagation.NONE ? request
                : request.withPropagation(exchange.propagation());
        return exchange.runtime().executor().execute(traced, route, facts(), pin(exchange), exchange.deploymentOrder(),
                exchange.requestId(),
                exchange.cancellation()).map(outcome -> new Routed<>(new Reply.Chat(outcome.reply(), writer),
                outcome.step(), outcome.attempts(), outcome.delivered()));
    }

    /** The debugging pin of {@code X-Junction-Deployment} / {@code X-Junction-Provider}, if any. */
    public static Pin pin(Exchange exchange) {
        return Pin.of(exchange.header("x-junction-deployment").orElse(null),
                exchange.header("x-junction-provider").orElse(null));
    }
}
