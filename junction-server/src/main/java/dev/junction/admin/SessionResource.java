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
    private static final Set<String> SIGN_IN_FIELDS = Set.of("key", "email", "password");
    /** Failed password sign-ins after which an account is locked, and for how long. */
    static final int LOCKOUT_AFTER = 5;
    static final java.time.Duration LOCKOUT = java.time.Duration.ofMinutes(15);
    private static final String WRONG_PASSWORD = "Wrong e-mail or password, or too many failed attempts: try again "
            + "later.";
    private static final String COOKIE_PATH = "/api/admin";

    private final Supplier<GatewayRuntime> runtime;
    private final ConsoleSessions sessions;
    private final AuditedWrites writes;
    private final java.time.Clock clock;
    private final SignInThrottle throttle;

    SessionResource(Supplier<GatewayRuntime> runtime, ConsoleSessions sessions, AuditedWrites writes,
                    java.time.Clock clock) {
        this.runtime = runtime;
        this.sessions = sessions;
        this.writes = writes;
        this.clock = clock;
        this.throttle = new SignInThrottle(clock);
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
        String address = dev.junction.pipeline.ClientAddress.of(ctx.request(),
                runtime.get().config().server().trustedProxies());
        if (throttle.blocked(address)) {
            ctx.response().putHeader("retry-after", Long.toString(SignInThrottle.WINDOW.toSeconds()));
            AdminApi.error(ctx, 429, "too_many_attempts", "Too many failed sign-ins from this address; try again "
                    + "later.");
            return;
        }
        String key;
        try {
            Fields fields = new Call(ctx, Actor.named("anonymous")).body(SIGN_IN_FIELDS);
            if (fields.has("email") || fields.has("password")) {
                signInWithPassword(ctx, address, fields.requiredString("email").strip().toLowerCase(java.util.Locale.ROOT),
                        fields.requiredString("password"));
                return;
            }
            key = fields.requiredString("key");
        } catch (AdminError e) {
            AdminApi.error(ctx, 400, e.kind().type(), e.getMessage());
            return;
        }
        Optional<KeyAuthenticator.Caller> caller = admins.byKey(key.strip());
        if (caller.isEmpty()) {
            throttle.failed(address);
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
                    opened(ctx, done.result());
                });
    }

    /**
     * A console user's sign-in: the password is checked on a worker thread (Argon2id); after
     * {@value #LOCKOUT_AFTER} failures in a row the account takes no sign-in for {@link #LOCKOUT}. An unknown
     * e-mail, a wrong password and a locked account get the same answer, after the same work.
     */
    private void signInWithPassword(RoutingContext ctx, String address, String email, String password) {
        var context = ctx.vertx().getOrCreateContext();
        Future.fromCompletionStage(writes.read(s -> s.principals().credentialsByEmail(email)), context)
                .compose(found -> ctx.vertx().executeBlocking(() -> {
                    boolean usable = found.filter(c -> c.principal().enabled()
                            && c.principal().kind() == dev.junction.rbac.Principal.Kind.USER).isPresent();
                    boolean locked = found.flatMap(c -> c.lockedUntil()).filter(clock.instant()::isBefore)
                            .isPresent();
                    boolean matches = dev.junction.rbac.Passwords.verify(password,
                            found.flatMap(c -> c.passwordHash()));
                    return usable && !locked && matches ? found : java.util.Optional
                            .<dev.junction.store.PrincipalRepository.Credentials>empty();
                }, false).compose(good -> {
                    if (good.isEmpty()) {
                        throttle.failed(address);
                        found.ifPresent(c -> LOG.info("Console sign-in refused for principal {} from {}",
                                c.principal().id(), ctx.request().remoteAddress()));
                        return found.map(c -> Future.fromCompletionStage(writes.read(s -> {
                            boolean lock = c.failedSignIns() + 1 >= LOCKOUT_AFTER;
                            s.principals().recordFailedSignIn(c.principal().id(),
                                    lock ? java.util.Optional.of(clock.instant().plus(LOCKOUT))
                                            : c.lockedUntil());
                            return java.util.Optional.<ConsoleSessions.Opened>empty();
                        }), context)).orElseGet(() -> Future.succeededFuture(java.util.Optional.empty()));
                    }
                    var principal = good.get().principal();
                    return Future.fromCompletionStage(writes.read(s -> {
                        s.principals().clearFailedSignIns(principal.id());
                        return principal;
                    }), context).compose(p -> Future.fromCompletionStage(
                            sessions.openForPrincipal(p.actorName(), p.id()), context)).map(java.util.Optional::of);
                })).onComplete(done -> {
                    if (done.failed()) {
                        LOG.error("Could not sign a console user in", done.cause());
                        AdminApi.error(ctx, 500, "internal", "The sign-in could not be completed; the gateway's log "
                                + "has the details.");
                    } else if (done.result().isEmpty()) {
                        AdminApi.error(ctx, 401, "unauthorized", WRONG_PASSWORD);
                    } else {
                        opened(ctx, done.result().get());
                    }
                });
    }

    private void opened(RoutingContext ctx, ConsoleSessions.Opened opened) {
        ctx.response().addCookie(cookie(ctx, opened.token(), false));
        Future.fromCompletionStage(writes.read(s -> describe(s, opened.session())), ctx.vertx()
                .getOrCreateContext()).onComplete(done -> {
                    if (done.failed()) {
                        AdminApi.error(ctx, 500, "internal", "The session could not be described.");
                    } else {
                        AdminApi.send(ctx, 201, done.result());
                    }
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
                        ConsoleSession session = done.result().get();
                        // A console user who was disabled or deleted since is signed out here too.
                        Future.fromCompletionStage(writes.read(s -> session.principalId().isPresent()
                                        && s.principals().get(session.principalId().get())
                                                .filter(dev.junction.rbac.Principal::enabled).isEmpty()
                                        ? java.util.Optional.<ObjectNode>empty()
                                        : java.util.Optional.of(describe(s, session))),
                                ctx.vertx().getOrCreateContext()).onComplete(described -> {
                                    if (described.failed()) {
                                        AdminApi.error(ctx, 500, "internal", "The session could not be read.");
                                    } else if (described.result().isEmpty()) {
                                        ctx.response().addCookie(cookie(ctx, "", true));
                                        AdminApi.error(ctx, 401, "session_expired", "The console session is over; "
                                                + "sign in again.");
                                    } else {
                                        AdminApi.send(ctx, 200, described.result().get());
                                    }
                                });
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

    /** The session with who is signed in and what they may do. Blocking: on a database thread. */
    private ObjectNode describe(dev.junction.store.GovernanceStore store, ConsoleSession s) {
        ObjectNode body = MeResource.describe(store, s.actor(), s.principalId());
        body.put("csrf_token", s.csrfToken());
        body.put("created_at", s.createdAt().toString());
        body.put("idle_expires_at", s.idleExpiresAt().toString());
        body.put("expires_at", s.expiresAt().toString());
        body.put("idle_timeout_seconds", sessions.settings().idleTimeout().toSeconds());
        return body;
    }

    /** The session cookie with this token (or cleared), as every sign-in sets it. */
    static Cookie cookie(RoutingContext ctx, String value, boolean clear) {
        boolean tls = ctx.request().isSSL() || "https".equalsIgnoreCase(ctx.request().getHeader("x-forwarded-proto"));
        Cookie cookie = Cookie.cookie(ConsoleSessions.COOKIE, value).setPath(COOKIE_PATH).setHttpOnly(true)
                .setSameSite(CookieSameSite.STRICT).setSecure(tls);
        if (clear) {
            cookie.setMaxAge(0);
        }
        return cookie;
    }
}
