package dev.junction.dialect.vertex;

import dev.junction.upstream.BearerTokens;
import io.vertx.core.Vertx;
import java.time.Clock;

/**
 * One {@link VertexTokenSource} per distinct credentials, made on first use, so that the Gemini and Claude providers
 * of one service account share a token. The sources live in the server's {@link BearerTokens}, so a configuration
 * reload that keeps the credentials keeps the token. Thread safe.
 */
public final class VertexTokenSources {

    private final Vertx vertx;
    private final Clock clock;
    private final BearerTokens registry;

    /** The identity of a Vertex token source in the registry. */
    private record Identity(VertexCredentials credentials) {}

    public VertexTokenSources(Vertx vertx, BearerTokens registry, Clock clock) {
        this.vertx = vertx;
        this.registry = registry;
        this.clock = clock;
    }

    /** The token source of {@code credentials}. */
    public VertexTokenSource of(VertexCredentials credentials) {
        return registry.of(identity(credentials), () -> new VertexTokenSource(vertx, credentials, clock));
    }

    /** The identity of the token source of {@code credentials} in the registry. */
    static Object identity(VertexCredentials credentials) {
        return new Identity(credentials);
    }
}
