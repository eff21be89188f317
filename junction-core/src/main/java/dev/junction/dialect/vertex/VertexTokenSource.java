package dev.junction.dialect.vertex;

import com.google.auth.oauth2.AccessToken;
import com.google.auth.oauth2.GoogleCredentials;
import com.google.auth.oauth2.ServiceAccountCredentials;
import dev.junction.model.GatewayError;
import dev.junction.upstream.BearerTokens;
import dev.junction.upstream.UpstreamFailure;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * OAuth2 access tokens for one set of Google credentials, scoped to {@code cloud-platform}. The token is cached and
 * refreshed once it is within {@link #REFRESH_MARGIN} of its expiry, or at once after Vertex refused it
 * ({@link #refused}); concurrent callers share one refresh. Google's
 * auth library loads the credentials and signs the service account's JWT assertion with blocking I/O, so both run on
 * Vert.x's worker pool, never on an event loop. A failed refresh is not cached: the next call tries again.
 *
 * <p>Neither the token nor the credentials reach a log line or an error: a failure is logged with the library's
 * message (which names the token endpoint's answer, never the key) and reported to the caller as a bad gateway that
 * names the provider only. Thread safe.
 */
public final class VertexTokenSource implements BearerTokens.Source {

    /** The scope every Vertex AI call needs. */
    public static final String SCOPE = "https://www.googleapis.com/auth/cloud-platform";

    /** How long before its expiry a token is replaced. */
    static final Duration REFRESH_MARGIN = Duration.ofMinutes(5);

    /** How long a token whose answer gave no expiry is used. */
    private static final Duration UNKNOWN_LIFETIME = Duration.ofMinutes(10);

    private static final Logger LOG = LoggerFactory.getLogger(VertexTokenSource.class);

    private final Vertx vertx;
    private final VertexCredentials source;
    private final Clock clock;
    private GoogleCredentials credentials;
    private String token;
    private Instant refreshAt = Instant.MIN;
    private Future<String> refreshing;

    public VertexTokenSource(Vertx vertx, VertexCredentials source, Clock clock) {
        this.vertx = vertx;
        this.source = source;
        this.clock = clock;
    }

    /**
     * A valid access token: the cached one, or one refreshed for this call and whoever else asks meanwhile. Fails
     * with an {@link UpstreamFailure} (a bad gateway for {@code provider}, the credentials refused) when Google's auth
     * library cannot get one.
     */
    public synchronized Future<String> token(String provider) {
        if (token != null && clock.instant().isBefore(refreshAt)) {
            return Future.succeededFuture(token);
        }
        if (refreshing == null) {
            refreshing = vertx.executeBlocking(this::refresh, false).andThen(ar -> settle());
        }
        return refreshing.recover(failure -> Future.failedFuture(new UpstreamFailure(
                GatewayError.BadGateway.refusedCredentials("The gateway could not get a Google access token for the "
                        + "provider '" + provider + "'; check its Vertex AI credentials (the gateway's log has the "
                        + "reason)."))));
    }

    /** Forgets the cached token when it is {@code refused}, so that the next call fetches a fresh one. */
    @Override
    public synchronized void refused(String refused) {
        if (refused.equals(token)) {
            token = null;
            refreshAt = Instant.MIN;
        }
    }

    private synchronized void settle() {
        refreshing = null;
    }

    private String refresh() throws IOException {
        try {
            AccessToken fresh = credentials().refreshAccessToken();
            Instant now = clock.instant();
            Instant expiry = fresh.getExpirationTime() == null ? now.plus(UNKNOWN_LIFETIME)
                    : fresh.getExpirationTime().toInstant();
            synchronized (this) {
                token = fresh.getTokenValue();
                refreshAt = expiry.minus(REFRESH_MARGIN);
            }
            return fresh.getTokenValue();
        } catch (IOException | RuntimeException e) {
            LOG.warn("Could not get a Google access token ({}): {}", describe(), e.getMessage());
            throw e;
        }
    }

    private synchronized GoogleCredentials credentials() throws IOException {
        if (credentials == null) {
            credentials = load().createScoped(List.of(SCOPE));
        }
        return credentials;
    }

    private GoogleCredentials load() throws IOException {
        return switch (source) {
            case VertexCredentials.ApplicationDefault a -> GoogleCredentials.getApplicationDefault();
            case VertexCredentials.ServiceAccountFile f -> {
                try (InputStream in = Files.newInputStream(f.path())) {
                    yield ServiceAccountCredentials.fromStream(in);
                }
            }
            case VertexCredentials.ServiceAccountJson j -> ServiceAccountCredentials.fromStream(
                    new ByteArrayInputStream(j.json().reveal().getBytes(StandardCharsets.UTF_8)));
        };
    }

    private String describe() {
        return switch (source) {
            case VertexCredentials.ApplicationDefault a -> "application default credentials";
            case VertexCredentials.ServiceAccountFile f -> "service account file " + f.path();
            case VertexCredentials.ServiceAccountJson j -> "service account JSON";
        };
    }
}
