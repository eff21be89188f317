package dev.junction.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.it.AdminHttp.Answer;
import dev.junction.testkit.MockUpstream;
import dev.junction.testkit.RecordedRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A provider that belongs to a tenant: its credential is used for that tenant's traffic only, as the mock upstream
 * sees from the key each request brings; another tenant's requests of the same route go to the shared provider, and
 * the tenant's provider named directly is, for them, a model that does not exist.
 */
class TenantProvidersTest {

    private static final String OWN_KEY = "sk-north-own-0123456789";
    private static final String SHARED_KEY = "sk-shared-0123456789";

    private static MockUpstream upstream;
    private static Gateway gateway;
    private static AdminHttp owner;

    @BeforeAll
    static void start() {
        upstream = MockUpstream.start();
        gateway = Gateway.start(AdminHttp.CONFIG + """
                providers:
                  shared: {preset: openai, base_url: "%s", api_key: %s}
                """.formatted(upstream.baseUrl(), SHARED_KEY), Map.of());
        owner = new AdminHttp(gateway);
    }

    @AfterAll
    static void stop() {
        gateway.close();
        upstream.close();
    }

    /** A tenant with a user and a key: its id and the key's plaintext. */
    private record Tenant(String id, String key) {
    }

    private static Tenant tenant() {
        String id = owner.create("/api/admin/tenants", "{\"name\":\"t-" + UUID.randomUUID() + "\"}").path("id")
                .asString();
        String user = owner.create("/api/admin/users", "{\"tenant_id\":\"" + id + "\",\"name\":\"alice\"}").path("id")
                .asString();
        return new Tenant(id, owner.create("/api/admin/keys", "{\"user_id\":\"" + user + "\"}").path("key").asString());
    }

    private static AdminHttp admin(Tenant t) {
        return new AdminHttp(gateway, owner.create("/api/admin/principals", "{\"kind\":\"service\",\"name\":\"admin-"
                + UUID.randomUUID() + "\",\"bindings\":[{\"role\":\"tenant-admin\",\"tenant_id\":\"" + t.id() + "\"}]}")
                .path("token").asString());
    }

    private static HttpResponse<String> chat(Tenant t, String model) {
        return gateway.post("/v1/chat/completions", "{\"model\":\"" + model + "\",\"messages\":[{\"role\":\"user\","
                + "\"content\":\"hello\"}]}", "authorization", "Bearer " + t.key());
    }

    private static String models(Tenant t) {
        HttpResponse<String> answer = gateway.get("/v1/models", "authorization", "Bearer " + t.key());
        assertThat(answer.statusCode()).isEqualTo(200);
        return answer.body();
    }

    private static String lastKey() {
        RecordedRequest last = upstream.lastRequest().orElseThrow();
        return last.headers().getOrDefault("authorization", List.of("")).getFirst();
    }

    @Test
    void aTenantsOwnCredentialServesOnlyItsTrafficAndOthersUseTheSharedOne() {
        Tenant north = tenant();
        Tenant south = tenant();
        String own = "own-" + UUID.randomUUID().toString().substring(0, 8);
        Answer provider = owner.put("/api/admin/providers/" + own, "{\"preset\":\"openai\",\"base_url\":\""
                + upstream.baseUrl() + "\",\"api_key\":\"" + OWN_KEY + "\",\"models\":[\"m\"],\"tenant_id\":\"" + north.id()
                + "\"}");
        assertThat(provider.status()).as(provider.text()).isEqualTo(201);
        assertThat(provider.body().path("tenant_id").asString()).isEqualTo(north.id());
        assertThat(provider.text()).doesNotContain(OWN_KEY);
        String route = "general-" + own;
        Answer routed = owner.put("/api/admin/routes/" + route, "{\"groups\":[{\"deployments\":[{\"provider\":\""
                + own + "\",\"model\":\"m\"}]},{\"deployments\":[{\"provider\":\"shared\",\"model\":\"m\"}]}]}");
        assertThat(routed.status()).as(routed.text()).isEqualTo(201);

        for (int i = 0; i < 3; i++) {
            assertThat(chat(north, route).statusCode()).isEqualTo(200);
            assertThat(lastKey()).isEqualTo("Bearer " + OWN_KEY);
            assertThat(chat(south, route).statusCode()).isEqualTo(200);
            assertThat(lastKey()).isEqualTo("Bearer " + SHARED_KEY);
        }
        long before = upstream.requestCount();
        HttpResponse<String> direct = chat(south, own + "/m");
        assertThat(direct.statusCode()).as(direct.body()).isEqualTo(404);
        assertThat(upstream.requestCount()).isEqualTo(before);
        assertThat(direct.body()).doesNotContain(own + "/m\"").doesNotContain(own + "/m,");
        assertThat(models(south)).doesNotContain(own + "/m").contains(route);
        assertThat(models(north)).contains(own + "/m", route);
        assertThat(chat(north, own + "/m").statusCode()).isEqualTo(200);
        assertThat(lastKey()).isEqualTo("Bearer " + OWN_KEY);
        AdminHttp southAdmin = admin(south);
        AdminHttp northAdmin = admin(north);
        assertThat(southAdmin.get("/api/admin/providers").text()).doesNotContain(own).contains("shared");
        assertThat(southAdmin.get("/api/admin/providers/" + own).status()).isEqualTo(404);
        assertThat(northAdmin.get("/api/admin/providers").text()).contains(own);
        assertThat(northAdmin.get("/api/admin/providers/" + own).status()).isEqualTo(200);
        Answer settings = owner.patch("/api/admin/tenants/" + south.id() + "/settings",
                "{\"allowed_providers\":[\"" + own + "\"]}");
        assertThat(settings.status()).isEqualTo(400);
        assertThat(settings.message()).doesNotContain(own + ",").contains("'" + own + "'");
    }

    @Test
    void aProviderForATenantThatDoesNotExistIsRefused() {
        Answer refused = owner.put("/api/admin/providers/orphan", "{\"preset\":\"openai\",\"base_url\":\""
                + upstream.baseUrl() + "\",\"api_key\":\"sk-x-0123456789\",\"tenant_id\":\"ten_nobody\"}");

        assertThat(refused.status()).as(refused.text()).isEqualTo(400);
        assertThat(refused.message()).contains("tenant_id").contains("ten_nobody");
        assertThat(owner.get("/api/admin/providers/orphan").status()).isEqualTo(404);
    }
}
