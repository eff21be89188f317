package dev.junction.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.config.ConfigException;
import dev.junction.config.ConfigLoader;
import dev.junction.provider.ProviderCatalog;
import dev.junction.testkit.MockUpstream;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * What the console's Configure pages need from the admin API: a provider's connection test (a real call through its
 * adapter, against the testkit mock and an address where nothing listens), dry runs of stored providers and routes
 * that answer check-config's own messages without storing anything, the price catalog with its overrides, and the
 * settings with every secret masked.
 */
class AdminConfigureTest {

    private static final String PROVIDER_KEY = "sk-upstream-configure-secret-0123";
    private static final String GATEWAY_KEY = "gw-key-configure-secret-0123456789";
    private static final String HEADER_SECRET = "hdr-configure-secret-0123456789";
    private static final String SECRET_KEY = "secret-key-configure-passphrase-0123456789";
    private static final String METRICS_TOKEN = "metrics-token-configure-0123456789";
    private static final String WEBHOOK_SECRET = "webhook-secret-configure-0123456789";
    private static final String WEBHOOK_TOKEN = "hooktoken0123456789configure";
    private static final String OTLP_KEY = "otlp-user:otlp-password-configure-0123";

    @TempDir
    static Path dir;

    private static MockUpstream upstream;
    private static Gateway gateway;
    private static AdminHttp admin;
    private static int closedPort;

    @BeforeAll
    static void start() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        upstream = MockUpstream.start();
        gateway = Gateway.start(AdminHttp.CONFIG + """
                keys: [{name: app, key: %s}]
                secret_key: %s
                metrics: {token: %s}
                tracing: {endpoint: "http://127.0.0.1:%d", api_key: "%s", headers: {x-scope-orgid: %s}}
                providers:
                  mockai: {preset: openai, base_url: "%s", api_key: %s, headers: {X-Tenant-Token: %s}}
                  dead: {preset: openai, base_url: "http://127.0.0.1:%d/v1", api_key: %s}
                routes:
                  chat: {steps: [{provider: mockai, model: gpt-4o-mini}]}
                pricing:
                  overrides: {gpt-4o: {input: 3, output: 12}}
                alerts:
                  channels:
                    pager: {type: webhook, url: "https://alerts.example.com/hook?token=%s", secret: %s}
                """.formatted(GATEWAY_KEY, SECRET_KEY, METRICS_TOKEN, closedPort, OTLP_KEY, HEADER_SECRET,
                upstream.baseUrl(), PROVIDER_KEY, HEADER_SECRET, closedPort, PROVIDER_KEY, WEBHOOK_TOKEN,
                WEBHOOK_SECRET), Map.of());
        admin = new AdminHttp(gateway);
    }

    @AfterAll
    static void stop() {
        gateway.close();
        upstream.close();
    }

    @Test
    void theConnectionTestOfAWorkingProviderSaysOkWithItsLatency() {
        var answer = admin.post("/api/admin/providers/mockai/test", "{}");

        assertThat(answer.status()).as(answer.text()).isEqualTo(200);
        assertThat(answer.body().path("ok").asBoolean()).as(answer.text()).isTrue();
        assertThat(answer.body().path("model").asString()).isEqualTo("gpt-4o-mini");
        assertThat(answer.body().path("upstream_status").asInt()).isEqualTo(200);
        assertThat(answer.body().path("latency_ms").asLong()).isNotNegative();
        assertThat(answer.text()).doesNotContain(PROVIDER_KEY);
    }

    @Test
    void theConnectionTestOfADeadAddressFailsInTheDataPlanesWordsWithoutTheAddress() {
        var answer = admin.post("/api/admin/providers/dead/test", "{\"model\": \"gpt-4o-mini\"}");

        assertThat(answer.status()).as(answer.text()).isEqualTo(200);
        JsonNode body = answer.body();
        assertThat(body.path("ok").asBoolean()).isFalse();
        assertThat(body.path("error").asString()).contains("'dead'").contains("refused")
                .doesNotContain("127.0.0.1").doesNotContain(Integer.toString(closedPort));
        assertThat(body.path("upstream_status").isNull()).isTrue();
        assertThat(body.path("status").asInt()).isEqualTo(503);
        assertThat(body.path("reason").asString()).isEqualTo("unavailable");
        assertThat(answer.text()).doesNotContain(PROVIDER_KEY).doesNotContain("127.0.0.1:" + closedPort);
    }

    @Test
    void theConnectionTestRefusesAnUnknownProviderAndUnknownFields() {
        assertThat(admin.post("/api/admin/providers/nope/test", "{}").status()).isEqualTo(404);
        var typo = admin.post("/api/admin/providers/mockai/test", "{\"modle\": \"x\"}");
        assertThat(typo.status()).isEqualTo(400);
        assertThat(typo.message()).contains("modle");
    }

    @Test
    void aRouteDryRunAnswersCheckConfigsMessagesAndStoresNothing() throws Exception {
        String block = "{\"groups\": [{\"deployments\": [{\"provider\": \"nope\", \"model\": \"m\"}]}],"
                + " \"strategy\": \"fastest-ever\"}";
        var dry = admin.put("/api/admin/routes/dry-route?dry_run=true", block);

        assertThat(dry.status()).as(dry.text()).isEqualTo(200);
        assertThat(dry.body().path("valid").asBoolean()).isFalse();
        List<String> problems = new ArrayList<>();
        dry.body().path("problems").forEach(p -> problems.add(p.asString()));
        assertThat(problems).isNotEmpty().containsExactlyInAnyOrderElementsOf(checkConfig("dry-route", """
                groups: [{deployments: [{provider: nope, model: m}]}]
                strategy: fastest-ever
                """));
        assertThat(admin.get("/api/admin/routes/dry-route").status()).isEqualTo(404);

        var valid = admin.put("/api/admin/routes/dry-route?dry_run=true",
                "{\"steps\": [{\"provider\": \"mockai\", \"model\": \"gpt-4o-mini\"}]}");
        assertThat(valid.body().path("valid").asBoolean()).as(valid.text()).isTrue();
        assertThat(valid.body().path("problems").size()).isZero();
        assertThat(admin.get("/api/admin/routes/dry-route").status()).as("a dry run stores nothing").isEqualTo(404);
        assertThat(admin.get("/api/admin/audit").text()).doesNotContain("dry-route");

        var typo = admin.put("/api/admin/routes/dry-route?dryrun=true",
                "{\"steps\": [{\"provider\": \"mockai\", \"model\": \"gpt-4o-mini\"}]}");
        assertThat(typo.status()).isEqualTo(400);
        assertThat(admin.get("/api/admin/routes/dry-route").status()).as("a typo stores nothing").isEqualTo(404);
    }

    @Test
    void aProviderDryRunChecksTheDefinitionWithoutStoringItOrItsKey() {
        var dry = admin.put("/api/admin/providers/dry-provider?dry_run=true",
                "{\"dialect\": \"klingon\", \"api_key\": \"sk-dry-run-0123456789\"}");

        assertThat(dry.status()).as(dry.text()).isEqualTo(200);
        assertThat(dry.body().path("valid").asBoolean()).isFalse();
        assertThat(dry.body().path("problems").toString()).contains("providers.dry-provider");
        assertThat(admin.get("/api/admin/providers/dry-provider").status()).isEqualTo(404);
    }

    @Test
    void thePriceCatalogListsTheBundledPricesAndTheOverridesWithTheirListPrice() {
        var all = admin.get("/api/admin/price-catalog");
        assertThat(all.status()).as(all.text()).isEqualTo(200);
        assertThat(all.body().path("version").asString()).isNotEmpty();
        assertThat(all.body().path("data").size()).isGreaterThan(10);

        assertThat(admin.put("/api/admin/prices/gpt-4o-mini", "{\"input\": 0.2, \"output\": 0.9}").status())
                .isEqualTo(200);
        var found = admin.get("/api/admin/price-catalog?q=GPT-4O");
        JsonNode mini = row(found.body(), "gpt-4o-mini");
        assertThat(mini.path("source").asString()).isEqualTo("store");
        assertThat(mini.path("input").asDouble()).isEqualTo(0.2);
        assertThat(mini.path("catalog").path("input").asDouble()).isEqualTo(0.15);
        JsonNode filed = row(found.body(), "gpt-4o");
        assertThat(filed.path("source").asString()).isEqualTo("file");
        assertThat(filed.path("input").asDouble()).isEqualTo(3);
        found.body().path("data").forEach(r -> assertThat(r.path("model").asString()).containsIgnoringCase("gpt-4o"));
        assertThat(admin.get("/api/admin/price-catalog?model=x").status()).isEqualTo(400);
    }

    @Test
    void theSettingsShowWhatTheGatewayRunsWithAndNoSecret() {
        var answer = admin.get("/api/admin/settings");

        assertThat(answer.status()).as(answer.text()).isEqualTo(200);
        JsonNode body = answer.body();
        assertThat(body.at("/store/kind").asString()).isEqualTo("sqlite");
        assertThat(body.at("/redis/enabled").asBoolean()).isFalse();
        assertThat(body.at("/auth/admin_keys/0/name").asString()).isEqualTo("ops");
        assertThat(body.at("/auth/gateway_keys/0/key").asString()).isEqualTo("***");
        assertThat(body.at("/observability/metrics/token").asString()).isEqualTo("***");
        assertThat(body.at("/observability/tracing/enabled").asBoolean()).isTrue();
        assertThat(body.at("/listeners/0/name").asString()).isEqualTo("gateway");
        assertThat(body.at("/console/session_idle_timeout").asString()).isEqualTo("30m");
        assertThat(answer.text()).doesNotContain(AdminHttp.KEY).doesNotContain(GATEWAY_KEY)
                .doesNotContain(PROVIDER_KEY).doesNotContain(HEADER_SECRET).doesNotContain(SECRET_KEY)
                .doesNotContain(METRICS_TOKEN).doesNotContain(WEBHOOK_SECRET).doesNotContain(WEBHOOK_TOKEN)
                .doesNotContain("otlp-password-configure-0123");
    }

    @Test
    void anAlertTestToAnAddressThatRefusesSaysSoInWordsWithoutTheAddress() {
        assertThat(admin.put("/api/admin/alerts/channels/refusing", "{\"type\": \"webhook\", \"url\": "
                + "\"http://127.0.0.1:" + closedPort + "/hook\"}").status()).isEqualTo(201);

        var answer = admin.post("/api/admin/alerts/test", "{\"channel\": \"refusing\"}");

        assertThat(answer.status()).as(answer.text()).isEqualTo(502);
        assertThat(answer.body().path("delivered").asBoolean()).isFalse();
        assertThat(answer.body().path("error").asString()).startsWith("could not connect to the receiver");
        assertThat(answer.text()).doesNotContain("127.0.0.1").doesNotContain(Integer.toString(closedPort));
    }

    private static JsonNode row(JsonNode body, String model) {
        for (JsonNode r : body.path("data")) {
            if (r.path("model").asString().equals(model)) {
                return r;
            }
        }
        throw new AssertionError("no row for " + model + " in " + body);
    }

    /** What {@code junction check-config} says of a file declaring this route next to the test's providers. */
    private static List<String> checkConfig(String route, String block) throws Exception {
        Path file = dir.resolve(route + ".yaml");
        Files.writeString(file, """
                providers:
                  mockai: {preset: openai, base_url: "http://127.0.0.1:1/v1", api_key: sk-x-0123456789}
                  dead: {preset: openai, base_url: "http://127.0.0.1:1/v1", api_key: sk-x-0123456789}
                routes:
                  %s:
                %s""".formatted(route, block.indent(4)));
        try {
            new ConfigLoader(ProviderCatalog.bundled(), Map.of()).load(Optional.of(file));
        } catch (ConfigException e) {
            return e.problems();
        }
        throw new AssertionError("check-config found the block valid");
    }
}
