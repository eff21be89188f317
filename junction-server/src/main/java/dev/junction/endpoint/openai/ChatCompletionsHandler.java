package dev.junction.endpoint.openai;

import dev.junction.dialect.openai.OpenAiRequestMapper;
import dev.junction.dialect.openai.OpenAiResponseMapper;
import dev.junction.json.Json;
import dev.junction.model.ChatRequest;
import dev.junction.model.ChatResponse;
import dev.junction.model.Dialect;
import dev.junction.model.GatewayError;
import dev.junction.model.GatewayException;
import dev.junction.model.StreamEvent;
import dev.junction.model.StreamEvents;
import dev.junction.observe.RequestRecord;
import dev.junction.routing.AttemptRecord;
import dev.junction.routing.Route;
import dev.junction.routing.RouteFailure;
import dev.junction.routing.RouteOutcome;
import dev.junction.server.GatewayRuntime;
import dev.junction.server.RequestContext;
import dev.junction.upstream.Cancellation;
import dev.junction.upstream.ReplayStream;
import dev.junction.upstream.ClientRequest;
import dev.junction.upstream.UpstreamFailure;
import dev.junction.upstream.UpstreamReply;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code POST /v1/chat/completions}: validates the request, resolves its route, runs it with failover, and writes
 * the reply. Runs on the event loop; never blocks.
 */
public final class ChatCompletionsHandler implements Handler<RoutingContext> {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ChatCompletionsHandler.class);

    private final Supplier<GatewayRuntime> runtime;

    public ChatCompletionsHandler(Supplier<GatewayRuntime> runtime) {
        this.runtime = runtime;
    }

    @Override
    public void handle(RoutingContext ctx) {
        GatewayRuntime rt = runtime.get();
        RequestRecord record = RequestContext.record(ctx);
        HttpServerResponse response = ctx.response();
        ObjectNode body;
        ChatRequest request;
        try {
            body = Json.parseObject(ctx.body().buffer() == null ? new byte[0] : ctx.body().buffer().getBytes());
            request = OpenAiRequestMapper.toCanonical(body);
        } catch (GatewayException e) {
            reject(response, record, e.error());
            return;
        }
        record.publicModel(request.model()).stream(request.stream());
        Optional<Route> route = rt.resolver().resolve(request.model());
        if (route.isEmpty()) {
            reject(response, record, new GatewayError.ModelNotFound(request.model(), rt.resolver().publicModels()));
            return;
        }
        Cancellation cancellation = new Cancellation();
        // Not response.closeHandler: Vert.x Web uses it for its own end handlers, which log and count the request.
        ctx.addEndHandler(ar -> {
            if (!response.ended()) {
                record.clientDisconnected();
                cancellation.cancel();
            }
        });
        rt.executor().execute(new ClientRequest(Dialect.OPENAI_CHAT, body, request), route.get(), record.requestId(),
                cancellation).onComplete(ar -> {
                    if (cancellation.isCancelled()) {
                        return;
                    }
                    if (ar.succeeded()) {
                        try {
                            reply(rt, request, ar.result(), response, record, cancellation);
                        } catch (RuntimeException e) {
                            // Never leave a client waiting: stop the upstream and answer (or end) the response.
                            LOG.error("Failed to relay the reply of request {}", record.requestId(), e);
                            cancellation.cancel();
                            internalError(response, record);
                        }
                    } else {
                        RouteFailure failure = ar.cause() instanceof RouteFailure f ? f
                                : new RouteFailure(UpstreamFailure.errorOf(ar.cause()), List.of());
                        attemptHeaders(response, record, failure.attempts());
                        if (!failure.attempts().isEmpty()) {
                            var last = failure.attempts().getLast().step();
                            record.target(last.provider(), last.model());
                        }
                        reject(response, record, failure.error());
                    }
                });
    }

    private static void reply(GatewayRuntime rt, ChatRequest request, RouteOutcome outcome,
                              HttpServerResponse response, RequestRecord record, Cancellation cancellation) {
        // First, so that a stream is stopped even if anything below fails.
        switch (outcome.reply()) {
            case UpstreamReply.WireStream w -> cancellation.onCancel(w.events()::cancel);
            case UpstreamReply.CanonicalStream cs -> cancellation.onCancel(cs.events()::cancel);
            default -> { }
        }
        record.target(outcome.step().provider(), outcome.step().model());
        attemptHeaders(response, record, outcome.attempts());
        response.putHeader("x-junction-provider", outcome.step().provider())
                .putHeader("x-junction-model", outcome.step().model());
        if (!outcome.reply().dropped().isEmpty()) {
            response.putHeader("x-junction-dropped", String.join(",", outcome.reply().dropped()));
        }
        OpenAiStreamRelay relay = new OpenAiStreamRelay(response, record, request.includeUsage(), rt.redactor());
        switch (outcome.reply()) {
            case UpstreamReply.Complete c when !request.stream() -> {
                record.usage(c.usage()).status(200).firstByte();
                if (c.dialect() == Dialect.OPENAI_CHAT) {
                    response.putHeader("content-type", "application/json").end(c.raw());
                } else {
                    throw new UnsupportedOperationException(c.dialect() + " replies are not supported yet");
                }
            }
            case UpstreamReply.Complete c -> relay.encode(replay(StreamEvents.of(OpenAiResponseMapper.toCanonical(
                    Json.tryParse(c.raw().getBytes()).orElseThrow()), List::of), cancellation));
            case UpstreamReply.Synthesized s when !request.stream() -> {
                ChatResponse r = s.response();
                record.usage(r.usage()).status(200).firstByte();
                response.putHeader("content-type", "application/json")
                        .end(Buffer.buffer(Json.bytes(OpenAiResponseMapper.fromCanonical(r))));
            }
            case UpstreamReply.Synthesized s -> relay.encode(replay(
                    StreamEvents.of(s.response(), StreamEvents::words), cancellation));
            case UpstreamReply.WireStream w when w.dialect() == Dialect.OPENAI_CHAT -> relay.passThrough(w.events());
            case UpstreamReply.WireStream w -> throw new IllegalStateException(
                    "no stream translation from " + w.dialect() + " to OpenAI yet");
            case UpstreamReply.CanonicalStream cs -> relay.encode(cs.events());
        }
    }

    private static ReplayStream replay(List<StreamEvent> events, Cancellation cancellation) {
        ReplayStream stream = ReplayStream.immediate(events);
        cancellation.onCancel(stream::cancel);
        return stream;
    }

    private static void attemptHeaders(HttpServerResponse response, RequestRecord record,
                                       List<AttemptRecord> attempts) {
        record.attempts(attempts);
        if (!attempts.isEmpty() && !response.headWritten()) {
            response.putHeader("x-junction-attempts", attempts.stream().map(AttemptRecord::summary)
                    .collect(Collectors.joining(", ")));
        }
    }

    private static void internalError(HttpServerResponse response, RequestRecord record) {
        GatewayError error = new GatewayError.Internal("The gateway failed to relay the upstream's reply.");
        if (response.headWritten()) {
            record.error(error);
            if (!response.ended() && !response.closed()) {
                response.end();
            }
        } else {
            reject(response, record, error);
        }
    }

    private static void reject(HttpServerResponse response, RequestRecord record, GatewayError error) {
        record.status(error.status()).error(error);
        ErrorReplies.send(response, error);
    }
}
