package dev.junction.dialect.vertex;

import io.vertx.core.Vertx;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One {@link VertexTokenSource} per distinct credentials, made on first use, so that the Gemini and Claude providers
 * of one service account share a token. Lives as long as the runtime that made it. Thread safe.
 */
public final class VertexTokenSources {

    private final Vertx vertx;
    private final Clock clock;
    private final Map<VertexCredentials, VertexTokenSource> sources = new ConcurrentHashMap<>();

    public VertexTokenSources(Vertx vertx, Clock clock) {
        this.vertx = vertx;
        this.clock = clock;
    }

    /** The token source of {@code credentials}. */
    public VertexTokenSource of(VertexCredentials credentials) {
        return sources.computeIfAbsent(credentials, c -> new VertexTokenSource(vertx, c, clock));
    }
}
