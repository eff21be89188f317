package dev.junction.testkit;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.net.PemKeyCertOptions;
import java.util.List;
import java.util.Optional;

/**
 * One HTTP server of a mock upstream, bound to its verticle's event loop. Deploying several instances
 * on the same port lets Vert.x spread connections over event loops; all share one {@link MockState}.
 * The server closes when the verticle is undeployed.
 */
final class MockUpstreamVerticle extends VerticleBase {

    private final MockState state;
    private final String host;
    private final int port;
    private final Optional<Tls> tls;
    private volatile int actualPort;

    /** TLS with this certificate, offering these HTTP versions by ALPN. */
    record Tls(TestCertificate certificate, List<HttpVersion> versions) {}

    MockUpstreamVerticle(MockState state, String host, int port, Optional<Tls> tls) {
        this.state = state;
        this.host = host;
        this.port = port;
        this.tls = tls;
    }

    @Override
    public Future<?> start() {
        HttpServerOptions options = new HttpServerOptions().setTcpNoDelay(true)
                .setMaxFormAttributeSize(1024 * 1024); // long prompts in forms, as the real APIs take them
        tls.ifPresent(t -> options.setSsl(true).setUseAlpn(true).setAlpnVersions(t.versions())
                .setKeyCertOptions(new PemKeyCertOptions()
                        .addKeyValue(Buffer.buffer(t.certificate().privateKeyPem()))
                        .addCertValue(Buffer.buffer(t.certificate().certificatePem()))));
        HttpServer server = vertx.createHttpServer(options).requestHandler(new MockRequestHandler(vertx, state));
        return server.listen(port, host).onSuccess(listening -> actualPort = listening.actualPort());
    }

    /** {@return the port the server listens on; valid once deployed} */
    int actualPort() {
        return actualPort;
    }
}
