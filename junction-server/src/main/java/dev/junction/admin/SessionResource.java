package dev.junction.admin;

import dev.junction.auth.KeyAuthenticator;
import dev.junction.json.Json;
import dev.junction.runtime.GatewayRuntime;
import dev.junction.session.ConsoleSession;
import dev.junction.session.ConsoleSessions;
import io.vertx.core.Future;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code /api/admin/session}: the console's sign-in. {@code POST} exchanges an admin key for a session cookie
 * ({@code HttpOnly}, {@code SameSite=Strict}, {@code Secure} behind TLS, scoped to {@code /api/admin}); {@code GET}
 * tells the browser whether it is signed in and gives it the CSRF token its writes must carry; {@code DELETE} signs
 * out. Mounted before the admin API's key check: signing in is how a browser gets past it.
 */
final class SessionResource {

    /** The session endpoint's path. */
    static final String PATH = "/api/admin/session";
    private static final Logger LOG = LoggerFactory.getLogger(SessionResource.class);
    private static final Set<String> SIGN_IN_FIELDS = Set.of("key");
    private static final String COOKIE_PATH = "/api/admin";

    private final Supplier<GatewayRuntime> runtime;
    private final ConsoleSessions sessions;

    SessionResource(Supplier<GatewayRuntime> runtime, ConsoleSessions sessions) {
        this.runtime = runtime;
        this.sessions = sessions;
    }

    void mount(Router router) {
        router.post(PATH).handler(BodyHandler.create(false).setBodyLimit(16 * 1024));
        router.post(PATH).handler(this::signIn);
        router.get(PATH).handler(this::current);
        router.delete(PATH).handler(this::signOut);
    }

    /** The session token the request's cookie carries, if any. */
    static Optional<String> token(RoutingContext ctx) {
        Cookie cookie = ctx.request().getCookie(ConsoleSessions.COOKIE);
        return cookie == null || cookie.getValue().isBlank() ? Optional.empty() : Optional.of(cookie.getValue());
    }

    private void signIn(RoutingContext ctx) {
        KeyAuthenticator admins = new KeyAuthenticator(runtime.get().config().adminKeys());
        if (!admins.enforcing()) {
            AdminApi.error(ctx, 403, "admin_disabled", "The admin API is off: set JUNCTION_ADMIN_KEY or admin_keys.");
            return;
        }
        String key;
        try {
            key = new Call(ctx, Actor.named("anonymous")).body(SIGN_IN_FIELDS).requiredString("key");
        } catch (AdminError e) {
            AdminApi.error(ctx, 400, e.kind().type(), e.getMessage());
            return;
        }
        Optional<KeyAuthenticator.Caller> caller = admins.byKey(key.strip());
        if (caller.isEmpty()) {
            LOG.info("Console sign-in refused from {}: wrong admin key", ctx.request().remoteAddress());
            AdminApi.error(ctx, 401, "unauthorized", "That is not an admin key of this gateway.");
            return;
        }
        String actor = caller.get().keyName();
        Future.fromCompletionStage(sessions.open(actor, key.strip()), ctx.vertx().getOrCreateContext())
                .onComplete(done -> {
                    if (done.failed()) {
                        LOG.error("Could not open a console session", done.cause());
                        AdminApi.error(ctx, 500, "internal", "The session could not be stored; the gateway's log "
                                + "has the details.");
                        return;
                    }
                    LOG.info("Console session opened for admin key '{}'", actor);
                    ctx.response().addCookie(cookie(ctx, done.result().token(), false));
                    AdminApi.send(ctx, 201, describe(done.result().session()));
                });
    }

    private void current(RoutingContext ctx) {
        Optional<String> token = token(ctx);
        if (token.isEmpty()) {
            AdminApi.error(ctx, 401, "unauthorized", "Not signed in.");
            return;
        }
        Future.fromCompletionStage(sessions.resume(token.get(), runtime.get().config().adminKeys()),
                ctx.vertx().getOrCreateContext()).onComplete(done -> {
                    if (done.failed()) {
                        AdminApi.error(ctx, 500, "internal", "The session could not be read.");
                    } else if (done.result().isEmpty()) {
                        ctx.response().addCookie(cookie(ctx, "", true));
                        AdminApi.error(ctx, 401, "session_expired", "The console session is over; sign in again.");
                    } else {
                        AdminApi.send(ctx, 200, describe(done.result().get()));
                    }
                });
    }

    private void signOut(RoutingContext ctx) {
        Optional<String> token = token(ctx);
        ctx.response().addCookie(cookie(ctx, "", true));
        if (token.isEmpty()) {
            ctx.response().setStatusCode(204).end();
            return;
        }
        Future.fromCompletionStage(sessions.close(token.get()), ctx.vertx().getOrCreateContext())
                .onComplete(done -> ctx.response().setStatusCode(204).end());
    }

    private ObjectNode describe(ConsoleSession s) {
        ObjectNode body = Json.object();
        body.put("actor", s.actor());
        body.put("csrf_token", s.csrfToken());
        body.put("created_at", s.createdAt().toString());
        body.put("idle_expires_at", s.idleExpiresAt().toString());
        body.put("expires_at", s.expiresAt().toString());
        body.put("idle_timeout_seconds", sessions.settings().idleTimeout().toSeconds());
        return body;
    }

    private Cookie cookie(RoutingContext ctx, String value, boolean clear) {
        boolean tls = ctx.request().isSSL() || "https".equalsIgnoreCase(ctx.request().getHeader("x-forwarded-proto"));
        Cookie cookie = Cookie.cookie(ConsoleSessions.COOKIE, value).setPath(COOKIE_PATH).setHttpOnly(true)
                .setSameSite(CookieSameSite.STRICT).setSecure(tls);
        if (clear) {
            cookie.setMaxAge(0);
        }
        return cookie;
    }
}
