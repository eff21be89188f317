package dev.junction.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.config.ConfigLoader;
import dev.junction.config.StoredConfigMerger;
import dev.junction.config.StoredProvider;
import dev.junction.crypto.GatewaySecretKey;
import dev.junction.crypto.SecretBox;
import dev.junction.entity.AuditEntry;
import dev.junction.governance.Governance;
import dev.junction.json.Json;
import dev.junction.provider.ProviderCatalog;
import dev.junction.testkit.MockUpstream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Providers and routes stored through the admin endpoints: validated by the YAML's readers, merged into the running
 * configuration for the very next request, their keys sealed in the database and never shown, and the file's
 * entities left alone. One gateway on SQLite; each test uses names of its own.
 */
class StoredConfigTest {

    private static final String KEY_PREFIX = "sk-stored-secret-";
    private static final AtomicInteger NAMES = new AtomicInteger();

    @TempDir
    static Path dataDir;

    private static MockUpstream upstream;
    private static Gateway gateway;
    private static StoredConfigAdmin admin;

    private String provider;
    private String route;
    private String apiKey;

    @BeforeAll
    static void start() {
        upstream = MockUpstream.start();
        gateway = Gateway.start(yaml(upstream), environment());
        admin = StoredConfigAdmin.of(gateway);
    }

    private static Map<String, String> environment() {
        return Map.of("JUNCTION_DATA_DIR", dataDir.toString(), "GROQ_API_KEY", "gsk-environment-0123456789abcdef");
    }

    private static String yaml(MockUpstream upstream) {
        return """
                keys: [{name: tests, key: %s}]
                %sproviders:
                  filed: {base_url: "%s", api_key: sk-file-key-0123456789, models: [m]}
                routes:
                  file-route: {aliases: [file-alias], steps: [{provider: filed, model: m}]}
                """.formatted(Gateway.KEY, StoredConfigAdmin.YAML, upstream.baseUrl());
    }

    @AfterAll
    static void stop() {
        admin.close();
        gateway.close();
        upstream.close();
    }

    @BeforeEach
    void names() {
        int n = NAMES.incrementAndGet();
        provider = "stored-" + n;
        route = "stored-route-" + n;
        apiKey = KEY_PREFIX + n + "-0123456789abcdef";
        upstream.reset();
    }

    private HttpResponse<String> putProvider(String name, String key) {
        return admin.put("/api/admin/providers/" + name, """
                {"base_url": "%s", "api_key": "%s", "models": ["m"]}""".formatted(upstream.baseUrl(), key));
    }

    private HttpResponse<String> putRoute(String name, String providerName) {
        return admin.put("/api/admin/routes/" + name, """
                {"strategy": "round-robin", "groups": [{"deployments": [{"provider": "%s", "model": "m"}]}]}"""
                .formatted(providerName));
    }

    private HttpResponse<String> chat(String model) {
        return gateway.post("/v1/chat/completions",
                "{\"model\":\"" + model + "\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
    }

    private static JsonNode json(HttpResponse<String> response) {
        return Json.tryParse(response.body()).orElseThrow(() -> new AssertionError("not JSON: " + response.body()));
    }

    @Test
    void aStoredProviderAndRouteServeTheVeryNextRequestWithTheStoredKey() {
        assertThat(putProvider(provider, apiKey).statusCode()).isEqualTo(201);
        assertThat(putRoute(route, provider).statusCode()).isEqualTo(201);

        HttpResponse<String> response = chat(route);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(upstream.lastRequest().orElseThrow().header("authorization")).contains("Bearer " + apiKey);
    }

    @Test
    void anUpdateWithoutAKeyKeepsTheStoredKey() {
        putProvider(provider, apiKey);
        putRoute(route, provider);

        HttpResponse<String> update = admin.put("/api/admin/providers/" + provider, """
                {"base_url": "%s", "models": ["m", "n"]}""".formatted(upstream.baseUrl()));

        assertThat(update.statusCode()).as(update.body()).isEqualTo(200);
        assertThat(json(update).path("api_key").asString()).isEqualTo("set");
        assertThat(chat(route).statusCode()).isEqualTo(200);
        assertThat(upstream.lastRequest().orElseThrow().header("authorization")).contains("Bearer " + apiKey);
    }

    @Test
    void theDatabaseHoldsTheKeyOnlySealed() throws IOException {
        putProvider(provider, apiKey);
        putRoute(route, provider);
        chat(route);

        List<String> text = textColumns();

        assertThat(text).noneMatch(value -> value.contains(apiKey));
        assertThat(text).anyMatch(value -> value.startsWith("v2:"));
        try (Stream<Path> files = Files.list(dataDir)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                assertThat(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1)).as(file.toString())
                        .doesNotContain(apiKey);
            }
        }
    }

    @Test
    void headerValuesAreSealedInTheDatabaseAndSentInTheClear() {
        String header = "hdr-secret-" + provider + "-0123456789";
        assertThat(admin.put("/api/admin/providers/" + provider, """
                {"base_url": "%s", "models": ["m"], "headers": {"X-Tenant-Token": "%s"}}"""
                .formatted(upstream.baseUrl(), header)).statusCode()).isEqualTo(201);
        putRoute(route, provider);

        assertThat(chat(route).statusCode()).isEqualTo(200);

        assertThat(upstream.lastRequest().orElseThrow().header("x-tenant-token")).contains(header);
        assertThat(textColumns()).noneMatch(value -> value.contains(header));
        assertThat(admin.get("/api/admin/providers/" + provider).body()).doesNotContain(header);
    }

    private HttpResponse<String> putPooledProvider(String name, String first, String second) {
        return admin.put("/api/admin/providers/" + name, """
                {"base_url": "%s", "models": ["m"], "api_keys": ["%s", {"key": "%s", "name": "batch", "weight": 3}],
                 "key_pool": {"rest_for": "5s"}}""".formatted(upstream.baseUrl(), first, second));
    }

    @Test
    void aStoredKeyPoolServesWithEveryKeyAndIsSealedAndNeverShown() {
        String first = apiKey + "-a";
        String second = apiKey + "-b";
        HttpResponse<String> created = putPooledProvider(provider, first, second);
        putRoute(route, provider);

        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        Set<String> sent = new HashSet<>();
        for (int i = 0; i < 40 && sent.size() < 2; i++) {
            assertThat(chat(route).statusCode()).isEqualTo(200);
            sent.add(upstream.lastRequest().orElseThrow().header("authorization").orElseThrow());
        }
        assertThat(sent).containsExactlyInAnyOrder("Bearer " + first, "Bearer " + second);
        JsonNode view = json(admin.get("/api/admin/providers/" + provider));
        assertThat(view.path("api_keys")).extracting(k -> k.path("name").asString() + ":" + k.path("weight").asInt())
                .containsExactly("key-1:1", "batch:3");
        assertThat(view.path("api_keys").get(0).path("fingerprint").asString()).hasSize(24);
        assertThat(view.path("definition").path("api_keys").toString()).doesNotContain("v1:", "v2:");
        assertThat(created.body() + admin.get("/api/admin/providers").body()).doesNotContain(first, second);
        assertThat(textColumns()).noneMatch(value -> value.contains(first) || value.contains(second));
    }

    @Test
    void aStoredKeyPoolReplacesTheSingleKeyStoredBefore() {
        putProvider(provider, apiKey);
        putRoute(route, provider);

        HttpResponse<String> update = putPooledProvider(provider, apiKey + "-a", apiKey + "-b");

        assertThat(update.statusCode()).as(update.body()).isEqualTo(200);
        assertThat(json(update).path("api_key").asString()).isEqualTo("unset");
        assertThat(chat(route).statusCode()).isEqualTo(200);
        assertThat(upstream.lastRequest().orElseThrow().header("authorization").orElseThrow())
                .isIn("Bearer " + apiKey + "-a", "Bearer " + apiKey + "-b");
    }

    @Test
    void aStoredKeyPoolWithAMistakeIsRejectedWithoutShowingAKey() {
        HttpResponse<String> response = admin.put("/api/admin/providers/" + provider, """
                {"base_url": "%s", "api_keys": [{"key": "%s", "weight": 0}]}""".formatted(upstream.baseUrl(), apiKey));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("api_keys[0]", "weight").doesNotContain(apiKey);
        assertThat(admin.get("/api/admin/providers/" + provider).statusCode()).isEqualTo(404);
    }

    /** Every non-null value of every column of every table, as text. */
    private static List<String> textColumns() {
        Governance governance = gateway.server().governance();
        return governance.database().call(() -> governance.database().jdbi().withHandle(handle -> {
            List<String> values = new ArrayList<>();
            for (String table : handle.createQuery("SELECT name FROM sqlite_master WHERE type = 'table'")
                    .mapTo(String.class).list()) {
                handle.createQuery("SELECT * FROM \"" + table + "\"").mapToMap().forEach(row -> row.values()
                        .stream().filter(v -> v != null).forEach(v -> values.add(v.toString())));
            }
            return values;
        })).join();
    }

    @Test
    void readingProvidersNeverShowsAKeyAndTellsWhereEachCameFrom() {
        putProvider(provider, apiKey);

        HttpResponse<String> list = admin.get("/api/admin/providers");
        HttpResponse<String> one = admin.get("/api/admin/providers/" + provider);

        assertThat(list.body()).doesNotContain(apiKey).doesNotContain("sk-file-key").doesNotContain("gsk-environment");
        assertThat(one.body()).doesNotContain(apiKey);
        Map<String, String> sources = new HashMap<>();
        json(list).path("providers").forEach(p -> sources.put(p.path("name").asString(), p.path("source").asString()));
        assertThat(sources).containsEntry(provider, "store").containsEntry("filed", "file")
                .containsEntry("groq", "env").containsEntry("mock", "builtin");
        assertThat(json(one).path("api_key").asString()).isEqualTo("set");
        assertThat(json(one).path("definition").path("base_url").asString()).isEqualTo(upstream.baseUrl());
    }

    @Test
    void readingRoutesTellsWhereEachCameFrom() {
        putProvider(provider, apiKey);
        putRoute(route, provider);

        Map<String, String> sources = new HashMap<>();
        json(admin.get("/api/admin/routes")).path("routes")
                .forEach(r -> sources.put(r.path("name").asString(), r.path("source").asString()));
        JsonNode fileRoute = json(admin.get("/api/admin/routes/file-route"));

        assertThat(sources).containsEntry(route, "store").containsEntry("file-route", "file");
        assertThat(fileRoute.path("aliases").get(0).asString()).isEqualTo("file-alias");
        assertThat(fileRoute.has("definition")).isFalse();
    }

    @Test
    void aRouteNameMayContainASlash() {
        putProvider(provider, apiKey);

        HttpResponse<String> put = putRoute("team/" + route, provider);

        assertThat(put.statusCode()).as(put.body()).isEqualTo(201);
        assertThat(json(put).path("name").asString()).isEqualTo("team/" + route);
        assertThat(chat("team/" + route).statusCode()).isEqualTo(200);
    }

    @Test
    void anApiKeyThatIsNotAStringIsRejected() {
        HttpResponse<String> response = admin.put("/api/admin/providers/" + provider,
                "{\"base_url\": \"" + upstream.baseUrl() + "\", \"api_key\": 12345}");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response).path("error").path("message").asString()).contains("api_key");
    }

    @Test
    void anInvalidProviderDefinitionIsRejectedWithItsProblemsAndNotStored() {
        HttpResponse<String> response = admin.put("/api/admin/providers/" + provider, """
                {"base_url": "ftp://nowhere", "bogus": 1, "api_key": "%s"}""".formatted(apiKey));

        assertThat(response.statusCode()).isEqualTo(400);
        JsonNode error = json(response).path("error");
        assertThat(error.path("type").asString()).isEqualTo("invalid_definition");
        assertThat(error.path("message").asString()).contains("providers." + provider + ".base_url")
                .contains("providers." + provider + ".bogus: unknown key");
        assertThat(admin.get("/api/admin/providers/" + provider).statusCode()).isEqualTo(404);
    }

    @Test
    void anInvalidRouteDefinitionIsRejectedWithItsProblems() {
        HttpResponse<String> response = admin.put("/api/admin/routes/" + route, """
                {"strategy": "fastest-please", "steps": [{"provider": "nope", "model": "m"}]}""");

        assertThat(response.statusCode()).isEqualTo(400);
        List<String> problems = new ArrayList<>();
        json(response).path("error").path("problems").forEach(p -> problems.add(p.asString()));
        assertThat(problems).anyMatch(p -> p.startsWith("routes." + route + ".strategy: unknown strategy"))
                .anyMatch(p -> p.contains("unknown provider 'nope'"));
        assertThat(chat(route).statusCode()).isEqualTo(404);
    }

    @Test
    void aProviderNameTheFileDeclaresCannotBeStored() {
        HttpResponse<String> response = putProvider("filed", apiKey);

        assertThat(response.statusCode()).isEqualTo(409);
        assertThat(json(response).path("error").path("message").asString())
                .contains("declared in the configuration file; edit the file");
    }

    @Test
    void aRouteNameTheFileDeclaresCannotBeStored() {
        HttpResponse<String> response = putRoute("file-route", "filed");

        assertThat(response.statusCode()).isEqualTo(409);
        assertThat(json(response).path("error").path("message").asString())
                .contains("declared in the configuration file; edit the file");
    }

    @Test
    void aDeletedRouteAnswersModelNotFoundToTheNextRequest() {
        putProvider(provider, apiKey);
        putRoute(route, provider);
        assertThat(chat(route).statusCode()).isEqualTo(200);

        HttpResponse<String> deleted = admin.delete("/api/admin/routes/" + route);
        HttpResponse<String> after = chat(route);

        assertThat(deleted.statusCode()).isEqualTo(200);
        assertThat(after.statusCode()).isEqualTo(404);
        assertThat(json(after).path("error").path("code").asString()).isEqualTo("model_not_found");
    }

    @Test
    void deletingAProviderLeavesItsStoredRoutesOutAndSaysSo() {
        putProvider(provider, apiKey);
        putRoute(route, provider);

        HttpResponse<String> deleted = admin.delete("/api/admin/providers/" + provider);

        assertThat(deleted.statusCode()).isEqualTo(200);
        assertThat(json(deleted).path("now_inactive").toString()).contains("routes." + route);
        JsonNode view = json(admin.get("/api/admin/routes/" + route));
        assertThat(view.path("active").asBoolean()).isFalse();
        assertThat(view.path("problems").toString()).contains("unknown provider '" + provider + "'");
        assertThat(chat(route).statusCode()).isEqualTo(404);
    }

    @Test
    void everyWriteIsAuditedWithItsActorAndWithoutTheKey() {
        putProvider(provider, apiKey);
        putRoute(route, provider);
        admin.delete("/api/admin/routes/" + route);

        Governance governance = gateway.server().governance();
        List<AuditEntry> entries = governance.database().call(() -> governance.store().audit()
                .list(Optional.empty(), Optional.empty(), 1000, Optional.empty())).join();

        List<AuditEntry> mine = entries.stream().filter(e -> e.entityId().equals(provider)
                || e.entityId().equals(route)).toList();
        assertThat(mine).extracting(AuditEntry::action).containsExactly("route.delete", "route.put", "provider.put");
        assertThat(mine).allSatisfy(e -> {
            assertThat(e.actor()).isEqualTo(StoredConfigAdmin.ACTOR);
            assertThat(e.detailJson()).doesNotContain(apiKey);
        });
    }

    @Test
    void theRedactorOfTheRunningConfigurationKnowsAStoredKey() {
        String unshapedKey = "stored-plain-credential-" + provider + "-0123456789"; // no "sk-": only an exact match
        putProvider(provider, unshapedKey);

        String redacted = gateway.server().runtime().redactor().redact("upstream said: bad key " + unshapedKey);

        assertThat(redacted).doesNotContain(unshapedKey);
    }

    @Test
    void aKeySealedUnderAnotherSecretKeyLeavesItsProviderOutAndTheGatewayServing() {
        SecretBox foreign = new SecretBox(GatewaySecretKey.load(Optional.of("ab".repeat(32)),
                dataDir.resolve("never-read.key")));
        Governance governance = gateway.server().governance();
        governance.database().call(() -> governance.store().providers().create(new StoredProvider(provider,
                "{\"base_url\": \"" + upstream.baseUrl() + "\"}",
                Optional.of(foreign.seal(apiKey, StoredConfigMerger.keyBinding(provider)))))).join();

        governance.refresh().join();

        gateway.awaitLog("providers." + provider);
        assertThat(gateway.logOutput()).contains("cannot decrypt a stored secret");
        assertThat(chat("file-route").statusCode()).isEqualTo(200);
        assertThat(json(admin.get("/api/admin/providers/" + provider)).path("active").asBoolean()).isFalse();
    }

    @Test
    void aReloadedFileKeepsTheStoredRoutes() {
        putProvider(provider, apiKey);
        putRoute(route, provider);
        Map<String, String> env = new HashMap<>(environment());
        env.put("JUNCTION_SECRET_KEY", Gateway.SECRET_KEY);
        var config = new ConfigLoader(ProviderCatalog.bundled(), env).loadYaml(
                "server: {host: 127.0.0.1, port: 0, drain_timeout: 2s}\n" + yaml(upstream), "reloaded.yaml");

        gateway.server().reload(config);

        assertThat(chat(route).statusCode()).isEqualTo(200);
        assertThat(chat("file-alias").statusCode()).isEqualTo(200);
    }
}
