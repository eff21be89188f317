package dev.junction.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.entity.Tenant;
import dev.junction.json.Json;
import dev.junction.routing.OperationKind;
import dev.junction.store.TestDatabases;
import dev.junction.testkit.MockUpstream;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Operations a tenant or a key turned off ({@code disabled_capabilities}): refused with a 403 in OpenAI's error shape
 * naming the capability, before anything is sent upstream, while the other operations keep working.
 */
class DisabledCapabilitiesTest {

    private static MockUpstream upstream;
    private static TestDatabases.Fresh database;
    private static Gateway gateway;
    private static Provision provision;

    @BeforeAll
    static void start() {
        upstream = MockUpstream.start();
        database = Backend.SQLITE.createDatabase();
        Map<String, String> env = new HashMap<>(Backend.SQLITE.environment(database));
        env.put("OPENAI_BASE_URL", upstream.baseUrl());
        env.put("OPENAI_API_KEY", "sk-upstream");
        gateway = Gateway.start("auth: {required: true}\n", env);
        provision = new Provision(gateway);
    }

    @AfterAll
    static void stop() {
        gateway.close();
        upstream.close();
        database.close();
    }

    private static HttpResponse<String> embed(String key) {
        return gateway.post("/v1/embeddings", """
                {"model":"openai/text-embedding-3-small","input":"hello"}""", "authorization", "Bearer " + key);
    }

    private static HttpResponse<String> chat(String key) {
        return gateway.post("/v1/chat/completions", """
                {"model":"openai/gpt-4o-mini","messages":[{"role":"user","content":"hello"}]}""",
                "authorization", "Bearer " + key);
    }

    private static JsonNode error(HttpResponse<String> response) {
        return Json.tryParse(response.body().getBytes()).orElseThrow().path("error");
    }

    @Test
    void aCapabilityTheKeyDisabledIsA403NamingItWhileOtherOperationsWork() {
        Tenant tenant = provision.tenant(Set.of());
        Provision.IssuedKey key = provision.key(tenant, Set.of(OperationKind.EMBEDDINGS));
        long before = upstream.requestCount();

        HttpResponse<String> refused = embed(key.plaintext());

        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(error(refused).path("code").asString()).isEqualTo("permission_denied");
        assertThat(error(refused).path("message").asString()).contains("'embeddings'")
                .contains("API key '" + key.record().name() + "'");
        assertThat(upstream.requestCount()).isEqualTo(before);
        assertThat(chat(key.plaintext()).statusCode()).isEqualTo(200);
    }

    @Test
    void imagesAndRerankTurnedOffForAKeyAreRefusedBeforeTheUpstream() {
        Provision.IssuedKey key = provision.key(provision.tenant(Set.of()),
                Set.of(OperationKind.IMAGES, OperationKind.RERANK));
        long before = upstream.requestCount();

        HttpResponse<String> images = gateway.post("/v1/images/generations", """
                {"model":"openai/dall-e-3","prompt":"a cat"}""", "authorization", "Bearer " + key.plaintext());
        HttpResponse<String> rerank = gateway.post("/v1/rerank", """
                {"model":"openai/rerank","query":"q","documents":["a"]}""", "authorization",
                "Bearer " + key.plaintext());

        assertThat(images.statusCode()).isEqualTo(403);
        assertThat(error(images).path("message").asString()).contains("'images'");
        assertThat(rerank.statusCode()).isEqualTo(403);
        assertThat(error(rerank).path("message").asString()).contains("'rerank'");
        assertThat(upstream.requestCount()).isEqualTo(before);
    }

    @Test
    void aCapabilityTheTenantDisabledIsRefusedForEveryKeyOfIt() {
        Tenant tenant = provision.tenant(Set.of(OperationKind.CHAT));
        Provision.IssuedKey key = provision.key(tenant, Set.of());

        HttpResponse<String> refused = chat(key.plaintext());

        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(error(refused).path("message").asString()).contains("'chat'")
                .contains("tenant '" + tenant.name() + "'");
        assertThat(embed(key.plaintext()).statusCode()).isEqualTo(200);
    }

    @Test
    void aCapabilityTheUsersTeamDisabledIsRefusedNamingTheTeam() {
        Provision.IssuedKey key = provision.keyInTeam(provision.tenant(Set.of()), Set.of(OperationKind.EMBEDDINGS),
                Set.of());
        long before = upstream.requestCount();

        HttpResponse<String> refused = embed(key.plaintext());

        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(error(refused).path("code").asString()).isEqualTo("permission_denied");
        assertThat(error(refused).path("message").asString()).contains("'embeddings'").contains("team '");
        assertThat(upstream.requestCount()).isEqualTo(before);
        assertThat(chat(key.plaintext()).statusCode()).isEqualTo(200);
    }

    @Test
    void aCapabilityTheUserDisabledIsRefusedNamingTheUserBeforeItsTeam() {
        Provision.IssuedKey key = provision.keyInTeam(provision.tenant(Set.of()), Set.of(OperationKind.CHAT),
                Set.of(OperationKind.CHAT));

        HttpResponse<String> refused = chat(key.plaintext());

        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(error(refused).path("message").asString()).contains("'chat'").contains("user '")
                .doesNotContain("team '");
        assertThat(embed(key.plaintext()).statusCode()).isEqualTo(200);
    }
}
