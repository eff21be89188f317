package dev.junction.pipeline;

import dev.junction.json.Json;
import dev.junction.model.GatewayError;
import dev.junction.observe.RequestRecord;
import dev.junction.runtime.GatewayRuntime;
import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The request path: {@link Stage}s run in their order, the last one answering without proceeding; the reply they
 * return is written in the client's dialect; when the request is over, every stage that handled it is
 * {@linkplain Stage#finish finished} exactly once, inner first. Immutable and shared by all event loops; one instance
 * per list of stages (routed operations, informational endpoints).
 */
public final class Pipeline {

    private static final Logger LOG = LoggerFactory.getLogger(Pipeline.class);

    private final Supplier<GatewayRuntime> runtime;
    private final Supplier<List<Stage>> stages;

    /** @param stages in order; the last one must answer without proceeding */
    public Pipeline(Supplier<GatewayRuntime> runtime, List<Stage> stages) {
        this(runtime, fixed(stages));
    }

    /**
     * A pipeline whose stages may change between requests (the extension stage comes and goes with the
     * configuration): each request runs with the list {@code stages} gives when it arrives, to its end.
     *
     * @param stages each list in order, the last stage answering without proceeding; asked once per request, so
     *     cheap (a volatile read)
     */
    public Pipeline(Supplier<GatewayRuntime> runtime, Supplier<List<Stage>> stages) {
        this.runtime = runtime;
        this.stages = stages;
    }

    private static Supplier<List<Stage>> fixed(List<Stage> stages) {
        if (stages.isEmpty()) {
            throw new IllegalArgumentException("A pipeline needs at least the stage that answers");
        }
        List<Stage> copy = List.copyOf(stages);
        return () -> copy;
    }

    /** The runtime in effect now: what the next request will run with. */
    public GatewayRuntime runtime() {
        return runtime.get();
    }

    /** The stages a request arriving now runs through, in order. */
    public List<Stage> stages() {
        return stages.get();
    }

    /**
     * Runs a request through the stages and answers it. Call on the request's event loop, once per request.
     *
     * @param decoder turns the body into the request's operation when the decoding stage asks
     */
    public void run(RoutingContext http, ClientDialect dialect, Exchange.Decoder decoder) {
        run(http, dialect, decoder, exchange -> { });
    }

    /**
     * Runs a request whose exchange is marked first: {@code mark} attaches what the endpoint knows of the request
     * before any stage runs (the playground's operator), for the stages that read it.
     */
    public void run(RoutingContext http, ClientDialect dialect, Exchange.Decoder decoder,
                    java.util.function.Consumer<Exchange> mark) {
        Exchange exchange = new Exchange(http, runtime.get(), RequestContext.record(http), dialect, decoder,
                Vertx.currentContext());
        mark.accept(exchange);
        RequestContext.markPiped(http);
        Run run = new Run(exchange, stages.get());
        exchange.closer(run::close);
        http.addEndHandler(v -> run.over(http.response()));
        run.invoke(0).onComplete(run::respond);
    }

    /** One request's passage: which stages handled it, and the futures they returned. */
    private static final class Run {
        private final Exchange exchange;
        private final List<Stage> stages;
        private final Future<?>[] handled;
        private int entered;
        private boolean over;

        Run(Exchange exchange, List<Stage> stages) {
            this.exchange = exchange;
            this.stages = stages;
            this.handled = new Future<?>[stages.size()];
        }

        Future<Reply> invoke(int index) {
            if (index == stages.size()) {
                return Future.failedFuture(new IllegalStateException("The last stage of the pipeline proceeded"));
            }
            Stage stage = stages.get(index);
            entered = index + 1;
            Future<Reply> reply;
            try {
                reply = stage.handle(exchange, new Link(this, index + 1));
                if (reply == null) {
                    reply = Future.failedFuture(new NullPointerException(stage.getClass().getName()
                            + " returned no future"));
                }
            } catch (RuntimeException e) {
                reply = Future.failedFuture(e);
            }
            handled[index] = reply;
            return reply;
        }

        void respond(AsyncResult<Reply> result) {
            if (over) {
                if (result.succeeded() && result.result() instanceof Reply.Chat chat) {
                    chat.discard(); // the client left while the upstream answered
                }
                if (result.succeeded() && result.result() instanceof Reply.Written written) {
                    written.writer().discard();
                }
                return;
            }
            Reply reply;
            if (result.succeeded()) {
                reply = result.result();
            } else {
                LOG.error("A stage failed on request {}", exchange.requestId(), result.cause());
                reply = new Reply.Refused(new GatewayError.Internal("The gateway failed to process the request."));
            }
            HttpServerResponse response = exchange.response();
            RequestRecord record = exchange.record();
            switch (reply) {
                case Reply.Refused r -> ErrorReplies.rejectAfter(exchange, r.error());
                case Reply.Json j -> {
                    Buffer body = Buffer.buffer(Json.bytes(j.body()));
                    record.status(200).firstByte();
                    if (record.capturing()) {
                        record.responseBody(body.toString());
                    }
                    response.putHeader("content-type", "application/json");
                    exchange.beforeEnd().onComplete(v -> {
                        if (!response.ended() && !response.closed()) {
                            response.end(body);
                        }
                    });
                }
                case Reply.Chat c -> c.writer().write(exchange, c);
                case Reply.Written w -> w.writer().write(exchange);
            }
        }

        /**
         * Right before the response's last bytes: finishes the stages as answered (unless the client is gone, which
         * the end handler sees), and returns what their finish asked the end to wait for.
         */
        Future<Void> close() {
            HttpServerResponse response = exchange.response();
            if (over || response.closed()) {
                return Future.succeededFuture();
            }
            finishAll(true);
            return exchange.heldEnd();
        }

        void over(HttpServerResponse response) {
            if (over) {
                return;
            }
            boolean ended = response.ended();
            if (!ended) {
                exchange.record().clientDisconnected();
                exchange.cancellation().cancel();
            }
            finishAll(ended);
        }

        private void finishAll(boolean ended) {
            over = true;
            RequestRecord record = exchange.record();
            record.status(exchange.response().getStatusCode());
            Outcome outcome = outcome(ended, record);
            for (int i = entered - 1; i >= 0; i--) {
                Stage stage = stages.get(i);
                Future<?> future = handled[i];
                if (future == null || future.isComplete()) {
                    finish(stage, outcome);
                } else {
                    future.onComplete(ar -> finish(stage, outcome));
                }
            }
        }

        private Outcome outcome(boolean ended, RequestRecord record) {
            if (!ended) {
                return exchange.cancelReason().<Outcome>map(r -> new Outcome.Cancelled(r, record.usage()))
                        .orElseGet(() -> new Outcome.ClientGone(record.usage()));
            }
            return record.failure().<Outcome>map(e -> new Outcome.Failed(e, record.usage()))
                    .orElseGet(() -> new Outcome.Answered(record.statusCode(), record.usage()));
        }

        private void finish(Stage stage, Outcome outcome) {
            try {
                stage.finish(exchange, outcome);
            } catch (RuntimeException e) {
                LOG.error("Stage {} failed to finish request {}", stage.getClass().getSimpleName(),
                        exchange.requestId(), e);
            }
        }
    }

    /** The chain after one stage; checks that the stage proceeds at most once. */
    private static final class Link implements Chain {
        private final Run run;
        private final int next;
        private boolean used;

        Link(Run run, int next) {
            this.run = run;
            this.next = next;
        }

        @Override
        public Future<Reply> proceed(Exchange exchange) {
            if (used) {
                throw new IllegalStateException("A stage must call proceed at most once");
            }
            used = true;
            return run.invoke(next);
        }
    }
}
