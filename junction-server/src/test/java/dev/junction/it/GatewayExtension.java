package dev.junction.it;

import dev.junction.testkit.MockUpstream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A mock upstream and a gateway whose {@code openai} preset points at it, started once per test class and reset
 * before each test:
 * <pre>
 * {@literal @}RegisterExtension
 * static final GatewayExtension env = new GatewayExtension("routes: …");
 * </pre>
 */
final class GatewayExtension implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback {

    private final java.util.function.Function<MockUpstream, String> yaml;
    private MockUpstream upstream;
    private Gateway gateway;

    GatewayExtension(String yaml) {
        this(upstream -> yaml);
    }

    /** An extension whose YAML names the mock's URLs ({@code rootUrl()} for providers of other dialects). */
    GatewayExtension(java.util.function.Function<MockUpstream, String> yaml) {
        this.yaml = yaml;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        upstream = MockUpstream.start();
        gateway = Gateway.withOpenAiUpstream(upstream.baseUrl(), yaml.apply(upstream));
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        upstream.reset();
        gateway.server().health().resetAll(); // each test starts with healthy deployments
    }

    @Override
    public void afterAll(ExtensionContext context) {
        gateway.close();
        upstream.close();
    }

    MockUpstream upstream() {
        return upstream;
    }

    Gateway gateway() {
        return gateway;
    }
}
