package dev.junction.metrics;

import dev.junction.auth.KeyAuthenticator;
import dev.junction.config.GatewayKey;
import dev.junction.json.Json;
import dev.junction.runtime.GatewayRuntime;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * {@code GET /metrics}: the Prometheus text format, or OpenMetrics when {@code Accept} asks for
 * {@code application/openmetrics-text}. On the gateway's listener it needs an admin key or the metrics token
 * ({@code Authorization: Bearer}); on a listener of its own ({@code metrics.port}) it is open unless a token is set.
 * The scrape runs on a worker thread, never on the event loop.
 */
public final class MetricsEndpoint implements Handler<RoutingContext> {

    private final GatewayMetrics metrics;
    private final Supplier<GatewayRuntime> runtime;
    private final boolean ownListener;

    /**
     * @param runtime the runtime in effect (its admin keys), read per scrape
     * @param ownListener whether it is served on {@code metrics.port} rather than the gateway's port
     */
    public MetricsEndpoint(GatewayMetrics metrics, Supplier<GatewayRuntime> runtime, boolean ownListener) {
        this.metrics = metrics;
        this.runtime = runtime;
        this.ownListener = ownListener;
    }

    @Override
    public void handle(RoutingContext ctx) {
        List<GatewayKey> allowed = new ArrayList<>(runtime.get().config().adminKeys());
        metrics.settings().token().ifPresent(t -> allowed.add(new GatewayKey("metrics", t)));
        boolean open = ownListener && metrics.settings().token().isEmpty();
        if (!open) {
            if (allowed.isEmpty()) {
                error(ctx, 403, "metrics_locked", "Set metrics.token or an admin key to read /metrics here, or serve "
                        + "it on a port of its own (metrics.port).");
                return;
            }
            if (new KeyAuthenticator(allowed).authenticate(ctx.request().getHeader("authorization"), null)
                    .isEmpty()) {
                ctx.response().putHeader("www-authenticate", "Bearer");
                error(ctx, 401, "unauthorized", "Invalid or missing metrics token or admin key.");
                return;
            }
        }
        String type = GatewayMetrics.contentType(ctx.request().getHeader("accept"));
        ctx.vertx().executeBlocking(() -> metrics.scrape(type), false).onComplete(done -> {
            if (done.failed()) {
                ctx.fail(done.cause());
                return;
            }
            ctx.response().putHeader("content-type", type).end(done.result());
        });
    }

    private static void error(RoutingContext ctx, int status, String type, String message) {
        var body = Json.object();
        body.putObject("error").put("type", type).put("message", message);
        ctx.response().setStatusCode(status).putHeader("content-type", "application/json")
                .end(Buffer.buffer(Json.bytes(body)));
    }
}
