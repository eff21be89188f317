package dev.junction.dialect.azure;

import dev.junction.json.Json;
import dev.junction.model.GatewayError;
import dev.junction.provider.CaBundle;
import dev.junction.provider.Timeouts;
import dev.junction.secret.Secret;
import dev.junction.upstream.BearerTokens;
import dev.junction.upstream.Cancellation;
import dev.junction.upstream.HttpUpstreamClient;
import dev.junction.upstream.UpstreamFailure;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * Access tokens of one Microsoft Entra ID application for Azure OpenAI, by the OAuth2 client-credentials flow
 * ({@code POST {authority}/{tenant}/oauth2/v2.0/token}, form-encoded), sent through the gateway's upstream HTTP
 * client: nothing blocks. A token is kept until shortly before it expires ({@link #EARLY}, or half its lifetime when
 * that is shorter); in that window callers still get it while one refresh runs, and after expiry they wait for the
 * new one. A token Azure answered 401 is forgotten ({@link #refused}) and the next caller waits for a new one.
 * Concurrent callers share one fetch. A failed fetch is a {@link GatewayError.BadGateway} that names the
 * provider and the identity platform's error code, never the secret or a token.
 *
 * <p>Thread safe: the state is guarded by this object's monitor, held only to read or swap it.
 */
public final class EntraTokenSource implements BearerTokens.Source {

    /** How long before expiry a token is refreshed. */
    public static final Duration EARLY = Duration.ofMinutes(5);

    private final HttpUpstreamClient http;
    private final EntraCredentials credentials;
    private final Settings settings;
    private Token current;
    private Future<Secret> fetching;

    /**
     * Where and how the token requests are sent.
     *
     * @param provider the provider's name, for messages
     * @param timeouts the provider's timeouts, applied to each token request
     * @param caBundle the certificates a TLS authority is verified against instead of the JVM's trust store
     * @param clock when tokens expire
     */
    public record Settings(String provider, Timeouts timeouts, Optional<CaBundle> caBundle, Clock clock) {}

    private record Token(Secret value, Instant refreshAt, Instant expiresAt) {}

    public EntraTokenSource(HttpUpstreamClient http, EntraCredentials credentials, Settings settings) {
        this.http = http;
        this.credentials = credentials;
        this.settings = settings;
    }

    /**
     * A token to send as {@code Authorization: Bearer …}: the cached one while it is fresh, else the result of the
     * one fetch in flight. Fails with an {@link UpstreamFailure} carrying a bad gateway.
     */
    public Future<Secret> token() {
        Instant now = settings.clock().instant();
        Promise<Secret> started = Promise.promise();
        Optional<Secret> stillValid;
        synchronized (this) {
            if (current != null && now.isBefore(current.refreshAt())) {
                return Future.succeededFuture(current.value());
            }
            stillValid = current != null && now.isBefore(current.expiresAt()) ? Optional.of(current.value())
                    : Optional.empty();
            if (fetching != null) {
                return stillValid.map(Future::succeededFuture).orElse(fetching);
            }
            fetching = started.future();
        }
        fetchInto(started); // outside the monitor: the reply may come back on this very thread
        return stillValid.map(Future::succeededFuture).orElse(started.future());
    }

    /** Forgets the cached token when it is {@code refused}, so that the next call fetches a fresh one. */
    @Override
    public synchronized void refused(String refused) {
        if (current != null && current.value().reveal().equals(refused)) {
            current = null;
        }
    }

    private void fetchInto(Promise<Secret> promise) {
        fetch().onComplete(ar -> {
            synchronized (this) {
                fetching = null;
                if (ar.succeeded()) {
                    current = ar.result();
                }
            }
            if (ar.succeeded()) {
                promise.complete(ar.result().value());
            } else {
                promise.fail(ar.cause());
            }
        });
    }

    private Future<Token> fetch() {
        Instant requested = settings.clock().instant();
        MultiMap headers = MultiMap.caseInsensitiveMultiMap()
                .add("content-type", "application/x-www-form-urlencoded")
                .add("accept", "application/json");
        String form = "grant_type=client_credentials&client_id=" + AzureUrls.encode(credentials.clientId())
                + "&client_secret=" + AzureUrls.encode(credentials.clientSecret().reveal())
                + "&scope=" + AzureUrls.encode(EntraCredentials.SCOPE);
        var exchange = new HttpUpstreamClient.Exchange(credentials.tokenUrl(), headers, Buffer.buffer(form), false,
                settings.provider(), settings.caBundle());
        return http.send(exchange, settings.timeouts(), new Cancellation())
                .recover(e -> Future.failedFuture(failure("could not reach Microsoft Entra ID", true)))
                .compose(reply -> read(reply, requested));
    }

    private Future<Token> read(HttpUpstreamClient.Reply reply, Instant requested) {
        if (!(reply instanceof HttpUpstreamClient.Reply.Body body)) {
            return Future.failedFuture(failure("got a stream from Microsoft Entra ID's token endpoint", true));
        }
        JsonNode json = Json.tryParse(body.body().getBytes()).orElse(Json.object());
        if (body.status() >= 400) {
            String code = json.path("error").asString("");
            JsonNode codes = json.path("error_codes");
            String aadsts = codes.isArray() && !codes.isEmpty() ? " AADSTS" + codes.get(0).asString() : "";
            String detail = "HTTP " + body.status() + (code.isEmpty() ? "" : ", " + code) + aadsts;
            return Future.failedFuture(failure("was refused a Microsoft Entra ID token (" + detail + ")",
                    body.status() >= 500 || body.status() == 429));
        }
        String accessToken = json.path("access_token").asString("");
        long lifetime = json.path("expires_in").asLong(0); // a number, or a string of digits from older endpoints
        if (accessToken.isEmpty() || lifetime <= 0) {
            return Future.failedFuture(failure("got a Microsoft Entra ID token reply without a usable token", true));
        }
        Duration life = Duration.ofSeconds(lifetime);
        Duration early = life.dividedBy(2).compareTo(EARLY) < 0 ? life.dividedBy(2) : EARLY;
        Instant expiresAt = requested.plus(life);
        return Future.succeededFuture(new Token(Secret.of(accessToken), expiresAt.minus(early), expiresAt));
    }

    private UpstreamFailure failure(String what, boolean retryable) {
        String message = "The upstream provider '" + settings.provider() + "' " + what + ".";
        return new UpstreamFailure(retryable ? new GatewayError.BadGateway(message, true)
                : GatewayError.BadGateway.refusedCredentials(message));
    }
}
