package dev.junction.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.it.AdminHttp.Answer;
import dev.junction.testkit.MockUpstream;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The console's playground ({@code POST /api/admin/playground/chat/completions}): routed like the data plane, logged
 * with {@code source = playground}, outside every budget and limit, and left out of the default analytics and spend.
 */
class PlaygroundTest {

    private static final String PATH = "/api/admin/playground/chat/completions";
    private static MockUpstream upstream;
    private static Gateway gateway;
    private static AdminHttp admin;

    @BeforeAll
    static void start() {
        upstream = MockUpstream.start();
        gateway = Gateway.start(AdminHttp.CONFIG + """
                providers:
                  mockai: {preset: openai, base_url: "%s", api_key: sk-upstream-play-secret-0123}
                routes:
                  try:
                    groups: [{deployments: [
                      {id: try-a, provider: mockai, model: gpt-4o-mini, price: {input: 1000000, output: 1000000}},
                      {id: try-b, provider: mockai, model: gpt-4o, price: {input: 1000000, output: 1000000}}]}]
                  plain:
                    groups: [{deployments: [{id: plain-a, provider: mockai, model: gpt-4o-mini,
                      price: {input: 1000000, output: 1000000}}]}]
                """.formatted(upstream.baseUrl()), Map.of());
        admin = new AdminHttp(gateway);
    }

    @AfterAll
    static void stop() {
        gateway.close();
        upstream.close();
    }

    private static String chat(String model, String extra) {
        return "{\"model\":\"" + model + "\",\"max_tokens\":20,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]"
                + extra + "}";
    }

    @Test
    void aPlaygroundCallIsRoutedLoggedAsPlaygroundAndSpendsNoBudget() throws Exception {
        String user = admin.create("/api/admin/users", "{\"name\":\"p-" + UUID.randomUUID() + "\"}").path("id")
                .asString();
        String budget = admin.create("/api/admin/budgets", """
                {"scope":"user","scope_id":"%s","amount_usd":100,"period":"monthly"}""".formatted(user))
                .path("id").asString();
        admin.create("/api/admin/keys", "{\"user_id\":\"" + user + "\"}");
        Instant before = Instant.now().minusSeconds(60);
        long upstreamCalls = upstream.requestCount();

        Answer answer = admin.post(PATH, chat("plain", ""));

        assertThat(answer.status()).as(answer.text()).isEqualTo(200);
        assertThat(upstream.requestCount()).isEqualTo(upstreamCalls + 1);
        assertThat(answer.body().path("choices").size()).isEqualTo(1);
        assertThat(answer.header("x-junction-deployment")).contains("plain-a");
        String id = answer.header("x-request-id").orElseThrow();
        JsonNode entry = awaitEntry(id);
        assertThat(entry.path("source").asString()).isEqualTo("playground");
        assertThat(entry.path("key_name").asString()).isEqualTo("ops");
        assertThat(entry.path("model").asString()).isEqualTo("plain");
        assertThat(entry.path("costs").path("charged_usd").asDouble()).isPositive();
        assertThat(admin.get("/api/admin/budgets/" + budget).body().path("spent_usd").asDouble()).isZero();

        String range = "&from=" + before + "&to=" + Instant.now().plusSeconds(60);
        assertThat(requests("/api/admin/analytics/summary?model=plain" + range)).isZero();
        assertThat(requests("/api/admin/analytics/summary?model=plain&source=playground" + range)).isEqualTo(1);
        assertThat(requests("/api/admin/analytics/summary?model=plain&source=all" + range)).isEqualTo(1);
        assertThat(admin.get("/api/admin/analytics/summary?source=elsewhere").status()).isEqualTo(400);
        JsonNode bySource = admin.get("/api/admin/analytics/summary?model=plain&source=all&group_by=source" + range)
                .body().path("data");
        assertThat(bySource.findValuesAsString("source")).containsExactly("playground");
        Answer spend = admin.get("/api/admin/spend?group_by=model" + range);
        assertThat(spend.body().path("data").findValuesAsString("group")).doesNotContain("plain");
        assertThat(admin.get("/api/admin/spend?group_by=model&source=playground" + range).body().path("data")
                .findValuesAsString("group")).contains("plain");
        assertThat(ids("/api/admin/requests?model=plain&source=playground")).contains(id);
        assertThat(ids("/api/admin/requests?model=plain&source=api")).doesNotContain(id);
        assertThat(ids("/api/admin/requests?model=plain")).contains(id);
    }

    @Test
    void aPlaygroundCallMayNameOneDeploymentOfTheRouteWhichIsNotSentUpstream() {
        Answer b = admin.post(PATH, chat("try", ",\"junction_deployment\":\"try-b\""));

        assertThat(b.status()).as(b.text()).isEqualTo(200);
        assertThat(b.header("x-junction-deployment")).contains("try-b");
        assertThat(upstream.lastRequest().orElseThrow().body()).doesNotContain("junction_deployment")
                .contains("gpt-4o");
        Answer a = admin.post(PATH, chat("try", ",\"junction_deployment\":\"try-a\""));
        assertThat(a.header("x-junction-deployment")).contains("try-a");

        Answer unknown = admin.post(PATH, chat("try", ",\"junction_deployment\":\"plain-a\""));
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.message()).contains("try-a, try-b");
    }

    @Test
    void aPlaygroundStreamIsServerSentEvents() {
        HttpResponse<String> stream = gateway.request("POST", PATH, chat("try", ",\"stream\":true"),
                "authorization", "Bearer " + AdminHttp.KEY, "content-type", "application/json");

        assertThat(stream.statusCode()).as(stream.body()).isEqualTo(200);
        assertThat(stream.headers().firstValue("content-type").orElse("")).startsWith("text/event-stream");
        assertThat(stream.headers().firstValue("x-junction-deployment")).isPresent();
        assertThat(stream.body()).contains("data: ").contains("data: [DONE]");
    }

    @Test
    void aBadBodyIsOpenAisFourHundredAndAVirtualKeyIsRefused() {
        Answer bad = admin.post(PATH, "{\"model\":\"try\",\"messages\":\"hello\"}");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.body().path("error").path("type").asString()).isEqualTo("invalid_request_error");
        assertThat(bad.message()).isNotEmpty();
        Answer badPin = admin.post(PATH, chat("try", ",\"junction_deployment\":7"));
        assertThat(badPin.status()).isEqualTo(400);

        String user = admin.create("/api/admin/users", "{\"name\":\"v-" + UUID.randomUUID() + "\"}").path("id")
                .asString();
        String key = admin.create("/api/admin/keys", "{\"user_id\":\"" + user + "\"}").path("key").asString();
        HttpResponse<String> refused = gateway.request("POST", PATH, chat("try", ""),
                "authorization", "Bearer " + key, "content-type", "application/json");
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(gateway.request("GET", PATH, null, "authorization", "Bearer " + AdminHttp.KEY).statusCode())
                .isEqualTo(405);
    }

    @Test
    void aConsoleSessionCallsThePlaygroundWithItsCsrfToken() {
        HttpResponse<String> signedIn = gateway.request("POST", "/api/admin/session",
                "{\"key\":\"" + AdminHttp.KEY + "\"}", "content-type", "application/json");
        assertThat(signedIn.statusCode()).as(signedIn.body()).isEqualTo(201);
        String setCookie = signedIn.headers().firstValue("set-cookie").orElseThrow();
        String cookie = setCookie.substring(0, setCookie.indexOf(';'));
        String csrf = dev.junction.json.Json.tryParse(signedIn.body()).orElseThrow().path("csrf_token").asString();

        HttpResponse<String> withoutToken = gateway.request("POST", PATH, chat("try", ""), "cookie", cookie,
                "content-type", "application/json");
        HttpResponse<String> withToken = gateway.request("POST", PATH, chat("try", ""), "cookie", cookie,
                "x-csrf-token", csrf, "content-type", "application/json");

        assertThat(withoutToken.statusCode()).isEqualTo(403);
        assertThat(withToken.statusCode()).as(withToken.body()).isEqualTo(200);
    }

    @Test
    void theSameCallOnTheDataPlaneSpendsTheKeysBudget() throws Exception {
        String user = admin.create("/api/admin/users", "{\"name\":\"d-" + UUID.randomUUID() + "\"}").path("id")
                .asString();
        var key = admin.create("/api/admin/keys", "{\"user_id\":\"" + user + "\"}");
        String budget = admin.create("/api/admin/budgets", """
                {"scope":"key","scope_id":"%s","amount_usd":100,"period":"monthly"}"""
                .formatted(key.path("id").asString())).path("id").asString();

        var response = gateway.post("/v1/chat/completions", chat("try", ""),
                "authorization", "Bearer " + key.path("key").asString());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        String id = response.headers().firstValue("x-request-id").orElseThrow();
        assertThat(awaitEntry(id).path("source").asString()).isEqualTo("api");
        assertThat(admin.get("/api/admin/budgets/" + budget).body().path("spent_usd").asDouble()).isPositive();
    }

    private static long requests(String path) {
        Answer answer = admin.get(path);
        assertThat(answer.status()).as(answer.text()).isEqualTo(200);
        long total = 0;
        for (JsonNode row : answer.body().path("data")) {
            total += row.path("requests").asLong();
        }
        return total;
    }

    private static java.util.List<String> ids(String path) {
        return admin.get(path).body().path("data").findValuesAsString("request_id");
    }

    private static JsonNode awaitEntry(String id) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        Answer found = admin.get("/api/admin/requests/" + id);
        while (found.status() == 404 && System.nanoTime() < deadline) {
            Thread.sleep(50);
            found = admin.get("/api/admin/requests/" + id);
        }
        assertThat(found.status()).as(found.text()).isEqualTo(200);
        return found.body();
    }
}
