package dev.junction.server;

import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServer;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The client connections a listener holds, so a drain can take them out of service: an idle keep-alive connection is
 * closed at once, one with a request or stream in flight is closed right after that exchange ends (or at the drain
 * deadline), so no client sends a new request on a connection of a replica that is going away.
 */
final class OpenConnections {

    private final Set<HttpConnection> open = ConcurrentHashMap.newKeySet();

    /** Tracks every connection {@code server} accepts from now on. */
    void track(HttpServer server) {
        server.connectionHandler(connection -> {
            open.add(connection);
            connection.closeHandler(v -> open.remove(connection));
        });
    }

    /** Starts the graceful shutdown of every open connection; each one is closed by {@code deadline} at the latest. */
    void shutdownAll(Duration deadline) {
        for (HttpConnection connection : open) {
            connection.shutdown(deadline);
        }
    }

    int size() {
        return open.size();
    }
}
