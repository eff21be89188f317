package dev.junction.stage.extension;

import dev.junction.endpoint.ChatOperation;
import dev.junction.extension.Hook;
import dev.junction.extension.RequestDecision;
import dev.junction.extension.RequestInfo;
import dev.junction.extension.RequestSummary;
import dev.junction.model.ChatRequest;
import dev.junction.model.GatewayError;
import dev.junction.model.GatewayException;
import dev.junction.pipeline.Chain;
import dev.junction.pipeline.Exchange;
import dev.junction.pipeline.Outcome;
import dev.junction.pipeline.Reply;
import dev.junction.pipeline.Stage;
import dev.junction.upstream.UpstreamReply;
import io.vertx.core.Future;
import java.util.List;
import java.util.Optional;

/**
 * The extensions on the request path, right before execute (the caller is known and admitted, the route resolved,
 * the request priced). For a chat turn of the three chat dialects: the request hooks in order (a rewrite is what the
 * upstream receives, a refusal answers in the caller's dialect), then, on the answer, the response hooks (a complete
 * answer) or the stream hooks (a stream transform). For every operation: the routing hooks become the exchange's
 * deployment order, and when the request is over the finished hooks get its summary, after every stage finished
 * (costs priced). The set of extensions a request starts with serves it to its end, across reloads. In the chain
 * only while some extension runs.
 */
final class ExtensionStage implements Stage {

    private static final Exchange.Attribute<ActiveExtensions> ACTIVE = new Exchange.Attribute<>("extensions");
    private static final Exchange.Attribute<RequestInfo> INFO = new Exchange.Attribute<>("extension request");

    private final ExtensionHost host;

    ExtensionStage(ExtensionHost host) {
        this.host = host;
    }

    @Override
    public Future<Reply> handle(Exchange exchange, Chain chain) {
        ActiveExtensions active = host.current();
        active.acquire();
        exchange.attach(ACTIVE, active);
        boolean offLoop = active.all().stream().anyMatch(e -> !e.manifest().blocking().isEmpty());
        RequestInfo info = Views.info(exchange, offLoop);
        exchange.attach(INFO, info);
        if (!active.routing().isEmpty()) {
            exchange.deploymentOrder(new ExtensionRouting(active.routing(), info));
        }
        if (!(exchange.operation() instanceof ChatOperation chat)) {
            return chain.proceed(exchange);
        }
        return requests(0, chat.request().canonical(), active.request(), info, exchange).compose(decided -> {
            if (decided.isPresent()) {
                return Future.succeededFuture(decided.get());
            }
            return chain.proceed(exchange).compose(reply -> answer(reply, active, info, exchange));
        });
    }

    /** Runs the request hooks from {@code index}: a refusal to answer with, or empty to go on. */
    private Future<Optional<Reply>> requests(int index, ChatRequest current, List<RunningExtension> hooks,
                                             RequestInfo info, Exchange exchange) {
        if (index == hooks.size()) {
            ChatOperation chat = (ChatOperation) exchange.operation();
            if (current != chat.request().canonical()) {
                try {
                    exchange.operation(RequestRewrite.apply(chat, current));
                } catch (GatewayException e) {
                    return Future.succeededFuture(Optional.of(new Reply.Refused(e.error())));
                }
            }
            return Future.succeededFuture(Optional.empty());
        }
        RunningExtension extension = hooks.get(index);
        if (!extension.active()) {
            return requests(index + 1, current, hooks, info, exchange);
        }
        return HookRunner.call(extension, Hook.REQUEST, info.requestId(), exchange.context(),
                        () -> extension.hooks().request().orElseThrow().onRequest(info, current))
                .transform(ar -> {
                    if (ar.failed()) {
                        return ar.cause() instanceof GatewayException e
                                ? Future.succeededFuture(Optional.of(new Reply.Refused(e.error())))
                                : Future.failedFuture(ar.cause());
                    }
                    return switch (ar.result().orElse(RequestDecision.proceed())) {
                        case RequestDecision.Proceed p -> requests(index + 1, current, hooks, info, exchange);
                        case RequestDecision.Rewrite r -> requests(index + 1, r.request(), hooks, info, exchange);
                        case RequestDecision.Refuse r -> Future.succeededFuture(Optional.of(
                                new Reply.Refused(Refusals.of(extension.name(), r))));
                    };
                });
    }

    private static Future<Reply> answer(Reply reply, ActiveExtensions active, RequestInfo info, Exchange exchange) {
        if (!(reply instanceof Reply.Chat chat)) {
            return Future.succeededFuture(reply);
        }
        if (exchange.operation().stream()) {
            if (active.stream().isEmpty()) {
                return Future.succeededFuture(reply);
            }
            try {
                return Future.succeededFuture(ExtensionStream.open(active.stream(), info).map(chat::through)
                        .orElse(chat));
            } catch (GatewayException e) {
                switch (chat.reply()) { // nobody will read the upstream's stream
                    case UpstreamReply.WireStream w -> w.events().cancel();
                    case UpstreamReply.CanonicalStream cs -> cs.events().cancel();
                    default -> { }
                }
                return Future.succeededFuture(new Reply.Refused(e.error()));
            }
        }
        return active.response().isEmpty() ? Future.succeededFuture(reply)
                : ExtensionResponses.apply(chat, active.response(), info, exchange.context());
    }

    @Override
    public void finish(Exchange exchange, Outcome outcome) {
        Optional<ActiveExtensions> attached = exchange.attached(ACTIVE);
        if (attached.isEmpty()) {
            return;
        }
        ActiveExtensions active = attached.get();
        if (active.finished().isEmpty()) {
            active.release();
            return;
        }
        // The stages outside this one (cost, budget, the request log) finish right after it, in the same task.
        exchange.context().runOnContext(v -> {
            String operation = exchange.record().operation();
            var logged = exchange.record().logged();
            RequestSummary plain = Views.summary(logged, operation, false);
            RequestSummary full = Views.summary(logged, operation, true);
            List<Future<Optional<Object>>> calls = active.finished().stream().filter(RunningExtension::active)
                    .map(e -> HookRunner.<Object>call(e, Hook.FINISHED, exchange.requestId(), exchange.context(),
                            () -> {
                                e.hooks().finished().orElseThrow().onFinished(e.bodies() ? full : plain);
                                return null;
                            }))
                    .toList();
            Future.join(calls).onComplete(done -> active.release());
        });
    }

    /** How an extension's refusal is said to the client. */
    static final class Refusals {
        /** The error code of an extension's refusal, in the dialects that carry one. */
        static final String CODE = "extension_refused";

        private Refusals() {
        }

        static GatewayError of(String extension, RequestDecision.Refuse refuse) {
            String message = refuse.message();
            return switch (refuse.status()) {
                case 401 -> new GatewayError.Unauthorized(message);
                case 403 -> new GatewayError.PermissionDenied(message);
                case 404 -> new GatewayError.NotFound(message);
                case 429 -> new GatewayError.RateLimited(message, Optional.empty());
                default -> refuse.status() >= 500
                        ? new GatewayError.Unavailable(message, Optional.empty())
                        : new GatewayError.InvalidRequest(message, Optional.empty(), Optional.of(CODE));
            };
        }
    }
}
