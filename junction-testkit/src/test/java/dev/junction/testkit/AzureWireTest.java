package dev.junction.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class AzureWireTest extends MockUpstreamTestBase {

    private static final String CHAT = "/openai/deployments/gpt-4o-prod/chat/completions";

    private static HttpResponse<String> post(String path, String body, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(mock.azureBaseUrl() + path))
                .timeout(Duration.ofSeconds(5)).header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return client.send(request.build());
    }

    private static String token(String secret) {
        HttpResponse<String> reply = post("/contoso/oauth2/v2.0/token", "grant_type=client_credentials&client_id=app"
                + "&client_secret=" + secret + "&scope=https%3A%2F%2Fcognitiveservices.azure.com%2F.default",
                "content-type", "application/x-www-form-urlencoded");
        assertThat(reply.statusCode()).isEqualTo(200);
        JsonNode json = WireClient.parse(reply.body());
        assertThat(json.path("token_type").asString()).isEqualTo("Bearer");
        assertThat(json.path("expires_in").asInt()).isEqualTo(3599);
        return json.path("access_token").asString();
    }

    @Test
    void aDeploymentAnswersWithTheDeploymentAsItsModelAndFilterResults() {
        HttpResponse<String> reply = post(CHAT + "?api-version=2024-10-21",
                "{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}", "api-key", "azure-key");

        assertThat(reply.statusCode()).isEqualTo(200);
        JsonNode body = WireClient.parse(reply.body());
        assertThat(body.path("model").asString()).isEqualTo("gpt-4o-prod");
        assertThat(body.path("prompt_filter_results").isArray()).isTrue();
        assertThat(body.path("choices").get(0).path("content_filter_results").isObject()).isTrue();
    }

    @Test
    void aDeploymentStreamStartsWithThePromptFilterChunk() {
        HttpResponse<String> reply = post(CHAT + "?api-version=2024-10-21",
                "{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],\"stream\":true}", "api-key", "azure-key");

        assertThat(reply.statusCode()).isEqualTo(200);
        String first = reply.body().lines().filter(l -> l.startsWith("data: ")).findFirst().orElseThrow();
        JsonNode chunk = WireClient.parse(first.substring(6));
        assertThat(chunk.path("choices").isEmpty()).isTrue();
        assertThat(chunk.path("id").asString()).isEmpty();
        assertThat(chunk.path("prompt_filter_results").isArray()).isTrue();
        assertThat(reply.body()).contains("content_filter_results", "data: [DONE]");
    }

    @Test
    void aDeploymentWithoutApiVersionIsNotFoundAndABadOneIsABadRequest() {
        String body = "{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";

        HttpResponse<String> missing = post(CHAT, body, "api-key", "azure-key");
        HttpResponse<String> bad = post(CHAT + "?api-version=someday", body, "api-key", "azure-key");

        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(WireClient.parse(missing.body()).path("error").path("message").asString())
                .isEqualTo("Resource not found");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(mock.requestCount()).isEqualTo(2);
    }

    @Test
    void aCallWithoutACredentialOrWithATokenTheMockDidNotIssueIsUnauthorized() {
        String body = "{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";

        HttpResponse<String> none = post(CHAT + "?api-version=2024-10-21", body);
        HttpResponse<String> forged = post("/openai/v1/chat/completions", body, "authorization", "Bearer forged");

        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(forged.statusCode()).isEqualTo(401);
    }

    @Test
    void anIssuedEntraTokenIsAcceptedOnTheV1ApiAndTokenRequestsAreCounted() {
        long before = mock.entraTokenRequests();
        String token = token("any-secret");

        HttpResponse<String> reply = post("/openai/v1/chat/completions",
                "{\"model\":\"gpt-4o-prod\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}",
                "authorization", "Bearer " + token);

        assertThat(reply.statusCode()).isEqualTo(200);
        assertThat(mock.entraTokenRequests()).isEqualTo(before + 1);
        assertThat(mock.requests()).hasSize(1); // the token request is not recorded
    }

    @Test
    void theResponsesApiIsServedOnTheV1Path() {
        HttpResponse<String> reply = post("/openai/v1/responses", "{\"model\":\"gpt-5\",\"input\":\"hi\"}",
                "api-key", "azure-key");

        assertThat(reply.statusCode()).isEqualTo(200);
        assertThat(WireClient.parse(reply.body()).path("object").asString()).isEqualTo("response");
    }

    @Test
    void aDeploymentMakesImagesWithTheDeploymentAsTheirModel() {
        HttpResponse<String> reply = post("/openai/deployments/image-prod/images/generations"
                + "?api-version=2025-04-01-preview", "{\"prompt\":\"a kite\",\"n\":2}", "api-key", "azure-key");

        assertThat(reply.statusCode()).isEqualTo(200);
        assertThat(WireClient.parse(reply.body()).path("data").size()).isEqualTo(2);
        assertThat(post("/openai/deployments/image-prod/images/generations", "{\"prompt\":\"a kite\"}", "api-key",
                "azure-key").statusCode()).isEqualTo(404);
    }

    @Test
    void theV1ApiMakesImagesForTheDeploymentTheBodyNames() {
        HttpResponse<String> reply = post("/openai/v1/images/generations",
                "{\"model\":\"gpt-image-1\",\"prompt\":\"a kite\"}", "api-key", "azure-key");

        assertThat(reply.statusCode()).isEqualTo(200);
        assertThat(post("/openai/v1/images/generations", "{\"model\":\"gpt-image-1\",\"prompt\":\"a kite\"}")
                .statusCode()).isEqualTo(401);
    }
}
