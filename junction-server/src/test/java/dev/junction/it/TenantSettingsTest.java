package dev.junction.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.it.AdminHttp.Answer;
import dev.junction.json.Json;
import dev.junction.testkit.MockUpstream;
import dev.junction.testkit.RecordedRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Per-tenant settings: managed at {@code /api/admin/tenants/{id}/settings} by the tenant's admin (markup only with
 * {@code tenants:write}), checked with clear 400s, and enforced on the data plane from the snapshot: a disabled
 * capability is refused in the client's dialect, a provider the tenant does not allow is skipped by routing (the
 * mock upstream sees which provider's key came), a route with none left is a 403, and the capture policy decides
 * what the request log keeps.
 */
class TenantSettingsTest {

    private static MockUpstream upstream;
    private static Gateway gateway;
    private static AdminHttp owner;

    @BeforeAll
    static void start() {
        upstream = MockUpstream.start();
        gateway = Gateway.start(AdminHttp.CONFIG + """
                providers:
                  alpha: {preset: openai, base_url: "%1$s", api_key: sk-alpha-0123456789}
                  beta: {preset: openai, base_url: "%1$s", api_key: sk-beta-0123456789}
                routes:
                  general:
                    groups: [{deployments: [{provider: alpha, model: m}, {provider: beta, model: m}]}]
                  alpha-only:
                    steps: [{provider: alpha, model: m}]
                """.formatted(upstream.baseUrl()), Map.of());
        owner = new AdminHttp(gateway);
    }

    @AfterAll
    static void stop() {
        gateway.close();
        upstream.close();
    }

    /** A tenant with a user and a key; its id and the key's plaintext. */
    private record Tenant(String id, String user, String key) {
    }

    private static Tenant tenant(boolean captureBodies) {
        String id = owner.create("/api/admin/tenants", "{\"name\":\"t-" + UUID.randomUUID() + "\"}").path("id")
                .asString();
        String user = owner.create("/api/admin/users", "{\"tenant_id\":\"" + id + "\",\"name\":\"alice\"}").path("id")
                .asString();
        String key = owner.create("/api/admin/keys", "{\"user_id\":\"" + user + "\",\"capture_bodies\":"
                + captureBodies + "}").path("key").asString();
        return new Tenant(id, user, key);
    }

    private static AdminHttp as(String role, Tenant t) {
        String token = owner.create("/api/admin/principals", "{\"kind\":\"service\",\"name\":\"" + role + "-"
                + UUID.randomUUID() + "\",\"bindings\":[{\"role\":\"" + role + "\",\"tenant_id\":\"" + t.id()
                + "\"}]}").path("token").asString();
        return new AdminHttp(gateway, token);
    }

    private static Answer settings(AdminHttp who, Tenant t, String json) {
        return who.patch("/api/admin/tenants/" + t.id() + "/settings", json);
    }

    private static HttpResponse<String> chat(Tenant t, String model, String text) {
        return gateway.post("/v1/chat/completions", "{\"model\":\"" + model + "\",\"messages\":[{\"role\":\"user\","
                + "\"content\":\"" + text + "\"}]}", "authorization", "Bearer " + t.key());
    }

    private static HttpResponse<String> message(Tenant t, String model) {
        return gateway.post("/v1/messages", "{\"model\":\"" + model + "\",\"max_tokens\":16,\"messages\":[{\"role\":"
                + "\"user\",\"content\":\"hello\"}]}", "x-api-key", t.key(), "anthropic-version", "2023-06-01");
    }

    private static JsonNode json(HttpResponse<String> response) {
        return Json.tryParse(response.body()).orElseThrow(() -> new AssertionError(response.body()));
    }

    @Test
    void aTenantAdminChangesItsOwnTenantsSettingsButNotItsMarkupNorAnotherTenants() {
        Tenant north = tenant(false);
        Tenant south = tenant(false);
        AdminHttp admin = as("tenant-admin", north);

        Answer changed = settings(admin, north, """
                {"allowed_providers":["beta"],"routing_strategy":"round-robin","capture_policy":"redacted",
                 "retention_days":30,"disabled_capabilities":["images"]}""");

        assertThat(changed.status()).as(changed.text()).isEqualTo(200);
        JsonNode read = admin.get("/api/admin/tenants/" + north.id() + "/settings").body();
        assertThat(read.path("allowed_providers").toString()).isEqualTo("[\"beta\"]");
        assertThat(read.path("routing_strategy").asString()).isEqualTo("round-robin");
        assertThat(read.path("capture_policy").asString()).isEqualTo("redacted");
        assertThat(read.path("retention_days").asInt()).isEqualTo(30);
        assertThat(read.path("disabled_capabilities").toString()).isEqualTo("[\"images\"]");
        assertThat(settings(admin, south, "{\"capture_policy\":\"off\"}").status()).isEqualTo(404);
        Answer markup = settings(admin, north, "{\"markup\":-0.5}");
        assertThat(markup.status()).isEqualTo(403);
        assertThat(markup.message()).contains("tenants:write");
        assertThat(settings(owner, north, "{\"markup\":0.25}").body().path("markup").asDouble()).isEqualTo(0.25);
        assertThat(settings(as("analyst", north), north, "{\"retention_days\":1}").status()).isEqualTo(403);
        assertThat(settings(admin, north, "{\"retention_days\":null}").body().path("retention_days").isNull())
                .isTrue();
        JsonNode audit = owner.get("/api/admin/audit?limit=5").body().path("data");
        assertThat(audit.findValuesAsString("action")).contains("tenant.settings");
    }

    @Test
    void badSettingsAreRefusedWithA400NamingTheField() {
        Tenant t = tenant(false);
        Map<String, String> expected = Map.of(
                "{\"allowed_providers\":[\"gamma\"]}", "'allowed_providers' names 'gamma'",
                "{\"routing_strategy\":\"fastest\"}", "'routing_strategy' must be one of",
                "{\"capture_policy\":\"sometimes\"}", "'capture_policy' must be off, on or redacted",
                "{\"retention_days\":0}", "'retention_days' must be at least 1",
                "{\"retention_days\":100000}", "'retention_days' must be at most 3650",
                "{\"retention_days\":\"30\"}", "'retention_days'",
                "{\"disabled_capabilities\":[\"teleport\"]}", "unknown capability 'teleport'",
                "{\"markup\":500}", "'markup' must be a number",
                "{\"retention\":3}", "retention");
        List<String> wrong = new ArrayList<>();
        expected.forEach((body, message) -> {
            Answer answer = settings(owner, t, body);
            if (answer.status() != 400 || !answer.message().contains(message)) {
                wrong.add(body + " → " + answer.status() + " " + answer.text());
            }
        });
        assertThat(wrong).isEmpty();
        assertThat(owner.get("/api/admin/tenants/" + t.id() + "/settings").body().path("retention_days").isNull())
                .isTrue();
    }

    @Test
    void aProviderTheTenantDoesNotAllowIsSkippedAndARouteWithNoneLeftIsRefused() {
        Tenant t = tenant(false);
        assertThat(settings(owner, t, "{\"allowed_providers\":[\"beta\"],\"routing_strategy\":\"round-robin\"}")
                .status()).isEqualTo(200);
        upstream.reset();

        for (int i = 0; i < 4; i++) {
            HttpResponse<String> answer = chat(t, "general", "hello " + i);
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        }
        assertThat(upstream.requests()).hasSize(4).allSatisfy(r -> assertThat(authorization(r))
                .isEqualTo("Bearer sk-beta-0123456789"));

        HttpResponse<String> none = chat(t, "alpha-only", "hello");
        assertThat(none.statusCode()).isEqualTo(403);
        assertThat(json(none).at("/error/message").asString()).contains("alpha-only").contains("alpha")
                .contains("allows beta");
        HttpResponse<String> anthropic = message(t, "alpha-only");
        assertThat(anthropic.statusCode()).isEqualTo(403);
        assertThat(json(anthropic).at("/error/type").asString()).isEqualTo("permission_error");
        assertThat(upstream.requests()).hasSize(4);

        Tenant other = tenant(false);
        assertThat(chat(other, "alpha-only", "hello").statusCode()).isEqualTo(200);
    }

    @Test
    void aCapabilityTheTenantTurnedOffIsRefusedInTheClientsDialect() {
        Tenant t = tenant(false);
        assertThat(settings(owner, t, "{\"disabled_capabilities\":[\"chat\"]}").status()).isEqualTo(200);
        long before = upstream.requestCount();

        HttpResponse<String> openai = chat(t, "general", "hello");
        HttpResponse<String> anthropic = message(t, "general");

        assertThat(openai.statusCode()).isEqualTo(403);
        assertThat(json(openai).at("/error/code").asString()).isEqualTo("permission_denied");
        assertThat(json(openai).at("/error/message").asString()).contains("'chat'").contains("tenant '");
        assertThat(anthropic.statusCode()).isEqualTo(403);
        assertThat(json(anthropic).path("type").asString()).isEqualTo("error");
        assertThat(json(anthropic).at("/error/type").asString()).isEqualTo("permission_error");
        assertThat(upstream.requestCount()).isEqualTo(before);
    }

    @Test
    void theCapturePolicyDecidesWhatTheRequestLogKeepsWhateverTheKeySays() {
        Tenant on = tenant(false);
        Tenant redacted = tenant(false);
        Tenant off = tenant(true);
        settings(owner, on, "{\"capture_policy\":\"on\"}");
        settings(owner, redacted, "{\"capture_policy\":\"redacted\"}");
        settings(owner, off, "{\"capture_policy\":\"off\"}");
        String text = "write to jane.doe@example.com please";

        JsonNode kept = logged(chat(on, "general", text));
        JsonNode masked = logged(chat(redacted, "general", text));
        JsonNode none = logged(chat(off, "general", text));

        assertThat(kept.path("request_body").asString()).contains("jane.doe@example.com");
        assertThat(masked.path("request_body").asString()).contains("write to [EMAIL_1] please")
                .doesNotContain("jane.doe");
        assertThat(masked.has("response_body")).isTrue();
        assertThat(none.has("request_body")).isFalse();
        assertThat(none.has("response_body")).isFalse();
    }

    /** The request's entry in the request log, once it is there. */
    private static JsonNode logged(HttpResponse<String> answer) {
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        String id = answer.headers().firstValue("x-request-id").orElseThrow();
        for (int i = 0; i < 500; i++) {
            Answer entry = owner.get("/api/admin/requests/" + id);
            if (entry.status() == 200) {
                return entry.body();
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        throw new AssertionError("the request " + id + " was never logged");
    }

    private static String authorization(RecordedRequest r) {
        return r.headers().getOrDefault("authorization", List.of("")).getFirst();
    }
}
