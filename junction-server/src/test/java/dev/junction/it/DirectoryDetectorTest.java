package dev.junction.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.junction.config.ConfigException;
import dev.junction.config.ConfigLoader;
import dev.junction.config.GatewayConfig;
import dev.junction.provider.ProviderCatalog;
import dev.junction.testkit.MockUpstream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A team ships a guardrail detector as a jar in the extensions directory: a policy names it (or configures it with
 * settings), it blocks what it finds, and a replaced jar is loaded anew on a configuration reload and when the
 * watched directory changes, without a restart.
 */
class DirectoryDetectorTest {

    private static final String ENV_KEY = "sk-upstream-secret-abcdef123456";

    @TempDir
    Path plugins;
    @TempDir
    Path configDir;
    private MockUpstream upstream;
    private Gateway gateway;

    @BeforeEach
    void start() {
        upstream = MockUpstream.start();
    }

    @AfterEach
    void stop() {
        if (gateway != null) {
            gateway.close();
        }
        upstream.close();
    }

    /** A detector provider {@code jar-tickets} finding {@code <prefix>-} and six digits, the prefix a setting. */
    private static String tickets(String defaultPrefix) {
        return """
                package jardetect;

                import dev.junction.guard.*;
                import java.util.*;
                import java.util.regex.*;
                import tools.jackson.databind.node.ObjectNode;

                public final class Tickets implements DetectorProvider {
                    @Override public String name() { return "jar-tickets"; }
                    @Override public Detector create(String region) { return detector("%s"); }
                    @Override public Detector create(String region, ObjectNode settings) {
                        for (String key : settings.propertyNames()) {
                            if (!key.equals("prefix")) throw new IllegalArgumentException("unknown setting " + key);
                        }
                        return detector(settings.path("prefix").asString("%1$s"));
                    }
                    private static Detector detector(String prefix) {
                        Pattern p = Pattern.compile(Pattern.quote(prefix) + "-\\\\d{6}");
                        return new Detector() {
                            public String name() { return "jar-tickets"; }
                            public Set<String> entityTypes() { return Set.of("TICKET_ID"); }
                            public List<Finding> scan(CharSequence text) {
                                List<Finding> out = new ArrayList<>();
                                Matcher m = p.matcher(text);
                                while (m.find()) out.add(new Finding("TICKET_ID", m.start(), m.end(), 0.9));
                                return out;
                            }
                        };
                    }
                }
                """.formatted(defaultPrefix);
    }

    private void jar(String prefix) {
        PluginJar.build(plugins.resolve("tickets.jar"), "dev.junction.guard.DetectorProvider", "jardetect.Tickets",
                Map.of("jardetect.Tickets", tickets(prefix)));
    }

    private String yaml() {
        return """
                routes:
                  plain: {steps: [{provider: openai, model: gpt-4o}]}
                extensions:
                  directory: %s
                guardrails:
                  detectors:
                    billing-tickets: {provider: jar-tickets, settings: {prefix: BIL}}
                  policies:
                    tickets:
                      detectors: [jar-tickets, billing-tickets]
                      actions: {TICKET_ID: block}
                """.formatted(plugins);
    }

    private ConfigLoader loader() {
        return new ConfigLoader(ProviderCatalog.bundled(), Map.of("OPENAI_BASE_URL", upstream.baseUrl(),
                "OPENAI_API_KEY", ENV_KEY, "JUNCTION_SECRET_KEY", Gateway.SECRET_KEY));
    }

    private GatewayConfig load() {
        return loader().loadYaml(full(), "test.yaml");
    }

    private String full() {
        return "server: {host: 127.0.0.1, port: 0, drain_timeout: 2s}\nkeys: [{name: tests, key: " + Gateway.KEY
                + "}]\n" + yaml();
    }

    private int status(String prompt) {
        HttpResponse<String> r = gateway.post("/v1/chat/completions",
                "{\"model\":\"plain\",\"messages\":[{\"role\":\"user\",\"content\":\"" + prompt + "\"}]}");
        return r.statusCode();
    }

    @Test
    void aDetectorFromAJarInTheDirectoryBlocksWhatItFindsAndNeverEchoesIt() {
        jar("TCK");
        gateway = Gateway.withOpenAiUpstream(upstream.baseUrl(), yaml());

        HttpResponse<String> blocked = gateway.post("/v1/chat/completions",
                "{\"model\":\"plain\",\"messages\":[{\"role\":\"user\",\"content\":\"see TCK-123456\"}]}");
        assertThat(blocked.statusCode()).isEqualTo(400);
        assertThat(blocked.body()).contains("tickets").contains("TICKET_ID").doesNotContain("TCK-123456");
        assertThat(status("the configured instance finds BIL-654321")).isEqualTo(400);
        assertThat(status("nothing to see, TCK-12 is too short")).isEqualTo(200);
        assertThat(upstream.requestCount()).isEqualTo(1);
    }

    @Test
    void aReloadLoadsTheReplacedJarInANewClassLoader() {
        jar("TCK");
        gateway = Gateway.withOpenAiUpstream(upstream.baseUrl(), yaml());
        assertThat(status("TCK-123456")).isEqualTo(400);
        assertThat(status("TKT-123456")).isEqualTo(200);

        jar("TKT");
        gateway.server().reload(load());

        assertThat(status("TKT-123456")).isEqualTo(400);
        assertThat(status("TCK-123456")).isEqualTo(200);
        assertThat(status("BIL-123456")).isEqualTo(400); // the configured instance, from the new jar too
    }

    @Test
    void aJarReplacedInTheWatchedDirectoryReloadsTheConfiguration() throws IOException {
        jar("TCK");
        Path file = Files.writeString(configDir.resolve("junction.yaml"), full());
        gateway = Gateway.withOpenAiUpstream(upstream.baseUrl(), yaml());
        gateway.server().reload(load());
        gateway.server().watch(file, this::load);
        assertThat(status("TKT-123456")).isEqualTo(200);

        jar("TKT"); // the file is unchanged: only the jar is new

        awaitTrue(() -> status("TKT-123456") == 400, "the jar change to reload the configuration");
        assertThat(status("TCK-123456")).isEqualTo(200);
    }

    @Test
    void aPolicyNamingADetectorNoJarProvidesSaysWhereItLooked() {
        assertThatThrownBy(this::load).isInstanceOf(ConfigException.class)
                .hasMessageContaining("guardrails.detectors.billing-tickets.provider: no detector provider is named "
                        + "'jar-tickets'")
                .hasMessageContaining(plugins.toString());
    }

    @Test
    void aProviderRefusingItsSettingsIsAConfigurationProblemWithThePath() {
        jar("TCK");
        String bad = full().replace("settings: {prefix: BIL}", "settings: {prefx: BIL}");

        assertThatThrownBy(() -> loader().loadYaml(bad, "test.yaml")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("guardrails.detectors.billing-tickets.settings: unknown setting prefx");
    }

    @Test
    void aBuiltInDetectorRefusesSettings() {
        String bad = full().replace("{provider: jar-tickets, settings: {prefix: BIL}}",
                "{provider: secrets, settings: {strict: true}}").replace("[jar-tickets, billing-tickets]",
                "[billing-tickets]").replace("TICKET_ID: block", "default: block");

        assertThatThrownBy(() -> loader().loadYaml(bad, "test.yaml")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("guardrails.detectors.billing-tickets.settings: detector 'secrets' takes no "
                        + "settings");
    }

    private static void awaitTrue(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return;
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        throw new AssertionError("timed out waiting for " + what);
    }
}
