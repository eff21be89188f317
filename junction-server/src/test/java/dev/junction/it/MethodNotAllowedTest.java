package dev.junction.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.json.Json;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** A known path asked with a method it does not answer gets 405 and {@code Allow}, in the caller's error shape. */
class MethodNotAllowedTest {

    private static Gateway gateway;

    @BeforeAll
    static void start() {
        gateway = Gateway.start(AdminHttp.CONFIG + "keys: [{name: tests, key: " + Gateway.KEY + "}]\n", Map.of());
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    private static HttpResponse<String> admin(String method, String path) {
        return gateway.request(method, path, method.equals("GET") || method.equals("DELETE") ? null : "{}",
                "authorization", "Bearer " + AdminHttp.KEY);
    }

    private static JsonNode json(HttpResponse<String> response) {
        return Json.tryParse(response.body()).orElseThrow(() -> new AssertionError("not JSON: " + response.body()));
    }

    @Test
    void aWrongMethodOnAnAdminCollectionIs405WithTheMethodsItAnswers() {
        HttpResponse<String> response = admin("DELETE", "/api/admin/tenants");

        assertThat(response.statusCode()).isEqualTo(405);
        assertThat(response.headers().firstValue("allow")).contains("GET, POST");
        assertThat(json(response).at("/error/type").asString()).isEqualTo("method_not_allowed");
        assertThat(json(response).at("/error/message").asString()).contains("DELETE", "/api/admin/tenants");
    }

    @Test
    void aWrongMethodOnAnAdminItemListsTheItemsMethods() {
        HttpResponse<String> response = admin("POST", "/api/admin/tenants/ten_x");

        assertThat(response.statusCode()).isEqualTo(405);
        assertThat(response.headers().firstValue("allow").orElseThrow().split(", "))
                .containsExactlyInAnyOrder("GET", "PATCH", "DELETE");
    }

    @Test
    void storedProvidersAndRoutesAnswer405Too() {
        HttpResponse<String> provider = admin("PATCH", "/api/admin/providers/acme");
        HttpResponse<String> route = admin("POST", "/api/admin/routes/team/fast");

        assertThat(provider.statusCode()).isEqualTo(405);
        assertThat(provider.headers().firstValue("allow").orElseThrow().split(", "))
                .containsExactlyInAnyOrder("GET", "PUT", "DELETE");
        assertThat(route.statusCode()).isEqualTo(405);
        assertThat(route.headers().firstValue("allow").orElseThrow().split(", "))
                .containsExactlyInAnyOrder("GET", "PUT", "DELETE");
    }

    @Test
    void anUnknownAdminPathIsStill404() {
        HttpResponse<String> response = admin("GET", "/api/admin/nothing-here");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.headers().firstValue("allow")).isEmpty();
        assertThat(json(response).at("/error/type").asString()).isEqualTo("not_found");
    }

    @Test
    void getOnChatCompletionsIs405WithAllowPostInOpenAiShape() {
        HttpResponse<String> response = gateway.get("/v1/chat/completions", "authorization", "Bearer " + Gateway.KEY);

        assertThat(response.statusCode()).isEqualTo(405);
        assertThat(response.headers().firstValue("allow")).contains("POST");
        assertThat(json(response).at("/error/type").asString()).isEqualTo("invalid_request_error");
        assertThat(json(response).at("/error/code").asString()).isEqualTo("method_not_allowed");
    }

    @Test
    void getOnMessagesIs405InAnthropicShape() {
        HttpResponse<String> response = gateway.get("/v1/messages", "x-api-key", Gateway.KEY,
                "anthropic-version", "2023-06-01");

        assertThat(response.statusCode()).isEqualTo(405);
        assertThat(response.headers().firstValue("allow")).contains("POST");
        assertThat(json(response).path("type").asString()).isEqualTo("error");
        assertThat(json(response).at("/error/type").asString()).isEqualTo("invalid_request_error");
    }

    @Test
    void postOnTheModelListIs405WithAllowGet() {
        HttpResponse<String> openai = gateway.post("/v1/models", "{}");
        HttpResponse<String> gemini = gateway.post("/v1beta/models", "{}", "x-goog-api-key", Gateway.KEY);

        assertThat(openai.statusCode()).isEqualTo(405);
        assertThat(openai.headers().firstValue("allow")).contains("GET");
        assertThat(gemini.statusCode()).isEqualTo(405);
        assertThat(gemini.headers().firstValue("allow")).contains("GET");
        assertThat(json(gemini).at("/error/code").asInt()).isEqualTo(405);
    }

    @Test
    void anUnknownDataPlanePathIsStill404() {
        HttpResponse<String> response = gateway.get("/v1/nothing-here", "authorization", "Bearer " + Gateway.KEY);

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.headers().firstValue("allow")).isEmpty();
    }
}
