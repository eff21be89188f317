package dev.junction.server;

import dev.junction.auth.CallerAuthenticator;
import dev.junction.endpoint.ClientDialect;
import dev.junction.endpoint.ErrorReplies;
import io.vertx.ext.web.RoutingContext;
import java.util.function.Supplier;

/**
 * The data plane's authentication handler: finds the caller from the key the request presents (as
 * {@code Authorization: Bearer}, {@code X-Api-Key}, {@code X-Goog-Api-Key} or Gemini's {@code ?key=}) and the
 * client's address, remembers it on the request, and turns the request away in its own dialect otherwise. Never
 * touches the database.
 */
final class Authentication {

    private final Supplier<GatewayRuntime> runtime;

    Authentication(Supplier<GatewayRuntime> runtime) {
        this.runtime = runtime;
    }

    void handle(RoutingContext ctx) {
        GatewayRuntime rt = runtime.get();
        var result = rt.callers().authenticate(ctx.request().getHeader("authorization"), apiKey(ctx),
                ctx.request().remoteAddress() == null ? "" : ctx.request().remoteAddress().hostAddress());
        switch (result) {
            case CallerAuthenticator.Result.Rejected r -> ErrorReplies.send(ctx, r.error());
            case CallerAuthenticator.Result.Authenticated a -> {
                RequestContext.caller(ctx, a.caller());
                RequestCompletion.capture(rt, a.caller()).ifPresent(RequestContext.record(ctx)::capture);
                ctx.next();
            }
        }
    }

    /** A key sent the Anthropic way, the Gemini way, or as Gemini's {@code ?key=} query parameter. */
    private static String apiKey(RoutingContext ctx) {
        String key = ctx.request().getHeader("x-api-key");
        if (key == null) {
            key = ctx.request().getHeader("x-goog-api-key");
        }
        if (key == null && ClientDialect.of(ctx) == ClientDialect.GEMINI) {
            key = ctx.request().getParam("key");
        }
        return key;
    }
}
