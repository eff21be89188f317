package dev.junction.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import dev.junction.testkit.MockUpstream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.OAuth2Config;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The web console in a real browser: headless Debian Chromium, driven by playwright-core from the console's own
 * end-to-end tests ({@code junction-console/e2e/*.test.mjs}, run with {@code node --test}), against a real gateway
 * with an OpenID Connect issuer (NAV's mock-oauth2-server, with its sign-in form) for single sign-on and
 * with the testkit's mock upstream behind an OpenAI-compatible route and a deployment that cannot be reached. The
 * tests save screenshots of every page in {@code junction-console/target/screenshots}. Without Chromium this test
 * skips, except in CI ({@code CI=true}), where it fails: {@code .ci/run} installs Chromium.
 */
class ConsoleBrowserTest {

    static final String ADMIN_KEY = "console-admin-key-0123456789";
    private static final String CHROMIUM = "/usr/bin/chromium";

    private static MockUpstream upstream;
    /** A real OpenID Connect issuer with its sign-in form (a user name and the ID token's claims as JSON). */
    private static MockOAuth2Server issuer;
    private static Gateway gateway;

    @BeforeAll
    static void start() {
        upstream = MockUpstream.start();
        issuer = new MockOAuth2Server(OAuth2Config.Companion.fromJson("{\"interactiveLogin\": true}"));
        issuer.start();
        gateway = Gateway.start("""
                admin_keys: [{name: ops, key: %s}]
                providers:
                  mockai: {preset: openai, base_url: "%s", api_key: sk-upstream-console-secret-0123}
                  dead: {preset: openai, base_url: "http://127.0.0.1:9/v1", api_key: sk-dead-console-secret-0123}
                routes:
                  chat:
                    groups: [{deployments: [{id: chat-a, provider: mockai, model: gpt-4o-mini}]}]
                  flaky:
                    groups: [{deployments: [{id: flaky-dead, provider: dead, model: gpt-4o-mini}]}]
                  failover:
                    groups:
                      - {deployments: [{id: failover-dead, provider: dead, model: gpt-4o-mini}]}
                      - {deployments: [{id: failover-b, provider: mockai, model: gpt-4o-mini}]}
                health: {consecutive_failures: 2, cool_down: 10m}
                sso:
                  oidc:
                    issuer: "%s"
                    client_id: junction-console
                    client_secret: console-oidc-secret
                    display_name: Corp
                    role_mappings:
                      - {group: west-analysts, role: analyst, tenant: sso-west}
                """.formatted(ADMIN_KEY, upstream.baseUrl(), issuer.issuerUrl("corp")), Map.of());
    }

    @AfterAll
    static void stop() {
        if (gateway != null) {
            gateway.close();
        }
        if (upstream != null) {
            upstream.close();
        }
        if (issuer != null) {
            issuer.shutdown();
        }
    }

    @Test
    void theConsolesEndToEndTestsPassInHeadlessChromium() throws Exception {
        Path console = consoleDir();
        if (!Files.isExecutable(Path.of(CHROMIUM))) {
            unavailable("Debian's chromium is not installed at " + CHROMIUM + " (apt-get install chromium).");
        }
        if (!Files.isDirectory(console.resolve("node_modules/playwright-core"))) {
            unavailable("The console's npm packages are not installed (the junction-console module's build runs "
                    + "npm ci).");
        }
        if (ConsoleBrowserTest.class.getClassLoader().getResource("dev/junction/console/index.html") == null) {
            // -Dconsole.skip=true: a build without the console skips its tests, the browser's included.
            unavailable("The console's build is not on the class path (built with -Dconsole.skip=true).");
        }
        List<String> command = new ArrayList<>(List.of("node", "--test", "--test-concurrency=1",
                "--test-reporter=spec"));
        // -Dconsole.e2e=keys runs only the files whose name contains "keys" (while working on one page).
        String only = System.getProperty("console.e2e", "");
        try (var files = Files.list(console.resolve("e2e"))) {
            files.map(Path::toString).filter(f -> f.endsWith(".test.mjs"))
                    .filter(f -> Path.of(f).getFileName().toString().contains(only)).sorted().forEach(command::add);
        }
        ProcessBuilder builder = new ProcessBuilder(command).directory(console.toFile()).redirectErrorStream(true);
        Map<String, String> env = builder.environment();
        env.putAll(new HashMap<>(Map.of("JUNCTION_URL", gateway.baseUrl(), "JUNCTION_ADMIN_KEY", ADMIN_KEY,
                "MOCK_URL", upstream.baseUrl(), "CHROMIUM", CHROMIUM,
                "SCREENSHOT_DIR", console.resolve("target/screenshots").toString())));
        Path output = Files.createTempFile("console-e2e-", ".log");
        builder.redirectOutput(output.toFile());
        Process process = builder.start();
        if (!process.waitFor(8, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            fail("The console's end-to-end tests did not finish in 8 minutes:\n" + tail(output));
        }
        String log = Files.readString(output, StandardCharsets.UTF_8);
        System.out.println(log);
        assertThat(process.exitValue()).as("node --test e2e/ exit code; its output:\n" + tail(output)).isZero();
        assertThat(log).as("the runner found and passed tests").containsPattern("ℹ pass [1-9]");
    }

    private static Path consoleDir() {
        Path fromModule = Path.of(System.getProperty("basedir", ".")).resolve("../junction-console").normalize();
        return Files.isDirectory(fromModule) ? fromModule.toAbsolutePath()
                : Path.of("junction-console").toAbsolutePath();
    }

    private static String tail(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        return text.length() > 20_000 ? text.substring(text.length() - 20_000) : text;
    }

    private static void unavailable(String why) {
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            fail(why + " CI runs the console's browser tests: .ci/run installs what they need.");
        }
        Assumptions.abort(why);
    }
}
