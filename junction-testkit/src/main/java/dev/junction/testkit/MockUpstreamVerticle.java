package dev.junction.testkit;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;

/**
 * One HTTP server of a mock upstream, bound to its verticle's event loop. Deploying several instances
 * on the same port lets Vert.x spread connections over event loops; all share one {@link MockState}.
 * The server closes when the verticle is undeployed.
 */
final class MockUpstreamVerticle extends VerticleBase {

    private final MockState state;
    private final String host;
    private final int port;
    private volatile int actualPort;

    MockUpstreamVerticle(MockState state, String host, int port) {
        this.state = state;
        this.host = host;
        this.port = port;
    }

    @Override
    public Future<?> start() {
        HttpServer server = vertx.createHttpServer(new HttpServerOptions().setTcpNoDelay(true))
                .requestHandler(new MockRequestHandler(vertx, state));
        return server.listen(port, host).onSuccess(listening -> actualPort = listening.actualPort());
    }

    /** {@return the port the server listens on; valid once deployed} */
    int actualPort() {
        return actualPort;
    }
}
