package dev.junction.admin;

import dev.junction.config.SsoSettings;
import dev.junction.json.Json;
import dev.junction.runtime.GatewayRuntime;
import dev.junction.session.ConsoleSessions;
import dev.junction.sso.GroupMapping;
import dev.junction.sso.LoginState;
import dev.junction.sso.OidcClient;
import dev.junction.sso.SsoFailure;
import dev.junction.sso.SsoPage;
import io.vertx.core.Future;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.net.URI;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The console's OpenID Connect sign-in (authorization code with PKCE). {@code GET /api/admin/sso} tells the sign-in
 * page whether single sign-on is configured; {@code GET /api/admin/sso/oidc/start} sends the browser to the issuer
 * with a new state, nonce and code challenge (kept in a signed cookie, {@code SameSite=Lax} so that it comes back
 * with the issuer's redirect); {@code GET /api/admin/sso/oidc/callback} checks the state, exchanges the code,
 * verifies the ID token, admits the user ({@link SsoAdmission}) and opens a console session as a password sign-in
 * does, then sends the browser to the console. A refusal or a failure is an HTML page that says why. Mounted before
 * the admin API's key check, like {@link SessionResource}.
 */
final class SsoResource {

    /** The paths. */
    static final String PATH = "/api/admin/sso";
    static final String START = PATH + "/oidc/start";
    static final String CALLBACK = PATH + "/oidc/callback";
    private static final Logger LOG = LoggerFactory.getLogger(SsoResource.class);

    private final Supplier<GatewayRuntime> runtime;
    private final ConsoleSessions sessions;
    private final LoginState states;
    private final SsoAdmission admission;
    /** The client of the configured issuer, made again when the settings change with a reload. */
    private final AtomicReference<OidcClient> client = new AtomicReference<>();

    SsoResource(Supplier<GatewayRuntime> runtime, ConsoleSessions sessions, AuditedWrites writes, LoginState states) {
        this.runtime = runtime;
        this.sessions = sessions;
        this.states = states;
        this.admission = new SsoAdmission(writes);
    }

    void mount(Router router) {
        router.get(PATH).handler(this::describe);
        router.get(START).handler(this::start);
        router.get(CALLBACK).handler(this::callback);
    }

    private Optional<OidcClient> client() {
        GatewayRuntime current = runtime.get();
        if (current.config().adminKeys().isEmpty()) {
            return Optional.empty();
        }
        Optional<SsoSettings.Oidc> settings = current.config().sso().oidc();
        if (settings.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(client.updateAndGet(c -> c != null && c.settings().equals(settings.get()) ? c
                : new OidcClient(settings.get())));
    }

    private void describe(RoutingContext ctx) {
        ObjectNode body = Json.object();
        client().ifPresentOrElse(c -> body.putObject("oidc").put("display_name", c.settings().displayName())
                .put("start_url", START), () -> body.putNull("oidc"));
        AdminApi.send(ctx, 200, body);
    }

    private void start(RoutingContext ctx) {
        Optional<OidcClient> configured = client();
        if (configured.isEmpty()) {
            page(ctx, 404, "Single sign-on is off", "This gateway has no sso.oidc configuration.");
            return;
        }
        OidcClient c = configured.get();
        LoginState.Pending pending = states.start();
        URI redirect = redirectUri(ctx, c.settings());
        Future.fromCompletionStage(c.discovery(), ctx.vertx().getOrCreateContext()).onComplete(done -> {
            if (done.failed()) {
                failed(ctx, done.cause());
                return;
            }
            ctx.response().addCookie(stateCookie(ctx, states.seal(pending), false));
            ctx.response().putHeader("location", c.authorizationUrl(done.result(), redirect, pending).toString())
                    .putHeader("cache-control", "no-store").setStatusCode(302).end();
        });
    }

    private void callback(RoutingContext ctx) {
        Optional<OidcClient> configured = client();
        if (configured.isEmpty()) {
            page(ctx, 404, "Single sign-on is off", "This gateway has no sso.oidc configuration.");
            return;
        }
        OidcClient c = configured.get();
        Cookie cookie = ctx.request().getCookie(LoginState.COOKIE);
        ctx.response().addCookie(stateCookie(ctx, "", true));
        String error = ctx.request().getParam("error");
        if (error != null) {
            String description = Optional.ofNullable(ctx.request().getParam("error_description")).orElse("");
            page(ctx, 401, "Not signed in", "The identity provider did not sign you in (" + error
                    + (description.isBlank() ? "" : ": " + description) + ").");
            return;
        }
        String code = ctx.request().getParam("code");
        Optional<LoginState.Pending> pending = states.open(cookie == null ? null : cookie.getValue(),
                ctx.request().getParam("state"));
        if (code == null || code.isBlank() || pending.isEmpty()) {
            page(ctx, 400, "Sign-in expired", "This sign-in was not started in this browser, or took longer than "
                    + LoginState.LIFETIME.toMinutes() + " minutes. Start again from the console.");
            return;
        }
        Optional<String> address = Optional.of(dev.junction.pipeline.ClientAddress.of(ctx.request(),
                runtime.get().config().server().trustedProxies()));
        var context = ctx.vertx().getOrCreateContext();
        Future.fromCompletionStage(c.signIn(code, redirectUri(ctx, c.settings()), pending.get())
                .thenCompose(claims -> admission.admit(claims, new GroupMapping(c.settings()),
                        c.settings().allowJit(), address)), context)
                .compose(result -> opened(ctx, result, context)).onComplete(done -> {
                    if (done.failed()) {
                        failed(ctx, done.cause());
                    } else if (done.result().isPresent()) {
                        LOG.info("Console session opened by single sign-on for {}", done.result().get().session()
                                .principalId().orElse("?"));
                        ctx.response().addCookie(SessionResource.cookie(ctx, done.result().get().token(), false));
                        ctx.response().putHeader("location", "/console/").putHeader("cache-control", "no-store")
                                .setStatusCode(303).end();
                    }
                });
    }

    /** A session for an admitted user; none (after the refusal page) for a refused one. */
    private Future<Optional<ConsoleSessions.Opened>> opened(RoutingContext ctx, SsoAdmission.Result result,
                                                            io.vertx.core.Context context) {
        return switch (result) {
            case SsoAdmission.Refused refused -> {
                page(ctx, 403, "Access refused", refused.reason());
                yield Future.succeededFuture(Optional.empty());
            }
            case SsoAdmission.Admitted admitted -> Future.fromCompletionStage(sessions.openForPrincipal(
                    admitted.principal().actorName(), admitted.principal().id()), context).map(Optional::of);
        };
    }

    private static void failed(RoutingContext ctx, Throwable cause) {
        Throwable root = cause instanceof CompletionException && cause.getCause() != null ? cause.getCause() : cause;
        if (root instanceof SsoFailure failure) {
            LOG.warn("Single sign-on failed: {}", failure.getMessage());
            page(ctx, 502, "Single sign-on failed", failure.getMessage());
        } else {
            LOG.error("Single sign-on failed", root);
            page(ctx, 500, "Single sign-on failed", "The sign-in could not be completed; the gateway's log has the "
                    + "details.");
        }
    }

    private static void page(RoutingContext ctx, int status, String title, String message) {
        if (ctx.response().ended()) {
            return;
        }
        ctx.response().setStatusCode(status).putHeader("content-type", "text/html; charset=utf-8")
                .putHeader("cache-control", "no-store").end(SsoPage.render(title, message));
    }

    /** The callback address: the configured one, or this gateway's as the browser reached it. */
    static URI redirectUri(RoutingContext ctx, SsoSettings.Oidc settings) {
        return settings.redirectUri().orElseGet(() -> {
            boolean tls = ctx.request().isSSL()
                    || "https".equalsIgnoreCase(ctx.request().getHeader("x-forwarded-proto"));
            String host = Optional.ofNullable(ctx.request().getHeader("x-forwarded-host"))
                    .orElse(ctx.request().authority() == null ? "localhost" : ctx.request().authority().toString());
            return URI.create((tls ? "https" : "http") + "://" + host + CALLBACK);
        });
    }

    private static Cookie stateCookie(RoutingContext ctx, String value, boolean clear) {
        boolean tls = ctx.request().isSSL() || "https".equalsIgnoreCase(ctx.request().getHeader("x-forwarded-proto"));
        Cookie cookie = Cookie.cookie(LoginState.COOKIE, value).setPath(CALLBACK).setHttpOnly(true)
                .setSameSite(CookieSameSite.LAX).setSecure(tls);
        cookie.setMaxAge(clear ? 0 : LoginState.LIFETIME.toSeconds());
        return cookie;
    }
}
