package dev.junction.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class RoutingAndRecordingTest extends MockUpstreamTestBase {

    @Test
    void baseUrlPointsAtTheV1PrefixOnLoopback() {
        assertThat(mock.baseUrl()).isEqualTo("http://127.0.0.1:" + mock.port() + "/v1");
    }

    @Test
    void requestsAreRecordedInArrivalOrderWithLowerCaseHeadersAndParsedBody() {
        client.send(client.request("/chat/completions?trace=1")
                .header("Authorization", "Bearer sk-test")
                .header("X-Custom", "a")
                .POST(HttpRequest.BodyPublishers.ofString(WireClient.chat("first").toString()))
                .build());
        client.post(WireClient.chat("second"));

        assertThat(mock.requestCount()).isEqualTo(2);
        assertThat(mock.requests()).hasSize(2);
        RecordedRequest first = mock.requests().getFirst();
        assertThat(first.method()).isEqualTo("POST");
        assertThat(first.path()).isEqualTo("/v1/chat/completions?trace=1");
        assertThat(first.headers()).containsEntry("authorization", List.of("Bearer sk-test"));
        assertThat(first.header("X-CUSTOM")).hasValue("a");
        assertThat(first.json()).isEqualTo(WireClient.chat("first"));
        assertThat(WireClient.parse(first.body())).isEqualTo(WireClient.chat("first"));
        assertThat(mock.lastRequest()).hasValueSatisfying(last ->
                assertThat(last.json().path("messages").path(0).path("content").stringValue()).isEqualTo("second"));
    }

    @Test
    void modelsEndpointListsTheMockModel() {
        HttpResponse<String> response = client.send(client.request("/models").GET().build());

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = WireClient.parse(response.body());
        assertThat(body.path("object").stringValue()).isEqualTo("list");
        assertThat(body.path("data")).hasSize(1);
        assertThat(body.path("data").path(0).path("id").stringValue()).isEqualTo("mock-model");
        assertThat(body.path("data").path(0).path("object").stringValue()).isEqualTo("model");
        assertThat(body.path("data").path(0).path("owned_by").stringValue()).isEqualTo("mock");
    }

    @Test
    void unknownPathGets404InOpenAiErrorShape() {
        HttpResponse<String> response = client.send(client.request("/no-such-endpoint")
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build());

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(WireClient.parse(response.body())).isEqualTo(WireClient.parse("""
                {"error":{"message":"Invalid URL (POST /v1/no-such-endpoint)","type":"invalid_request_error",
                          "param":null,"code":null}}
                """));
    }

    @Test
    void malformedJsonGets400WithoutConsumingAQueuedBehaviour() {
        mock.enqueue(Behavior.reply("still queued"));

        HttpResponse<String> response = client.send(client.chatRequest("{not json"));

        assertThat(response.statusCode()).isEqualTo(400);
        JsonNode error = WireClient.parse(response.body()).path("error");
        assertThat(error.path("type").stringValue()).isEqualTo("invalid_request_error");
        assertThat(mock.lastRequest()).hasValueSatisfying(recorded -> {
            assertThat(recorded.body()).isEqualTo("{not json");
            assertThat(recorded.json().isMissingNode()).isTrue();
        });
        assertThat(WireClient.parse(client.post(WireClient.chat("hi")).body())
                .path("choices").path(0).path("message").path("content").stringValue()).isEqualTo("still queued");
    }

    @Test
    void emptyMessagesGet400EmptyArrayLikeOpenAi() {
        var request = WireClient.chat("hi");
        request.putArray("messages");

        HttpResponse<String> response = client.post(request);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(WireClient.parse(response.body()))
                .isEqualTo(WireClient.JSON.readTree(WireClient.fixture("error.400.empty-messages.json")));
    }

    @Test
    void severalServerInstancesShareOnePortAndOneState() {
        Vertx vertx = Vertx.vertx();
        try (MockUpstream shared = MockUpstream.start(vertx, MockUpstream.Options.defaults().withInstances(4))) {
            WireClient sharedClient = new WireClient(shared);
            shared.enqueue(Behavior.status(503));

            assertThat(sharedClient.post(WireClient.chat("hi")).statusCode()).isEqualTo(503);
            for (int i = 0; i < 7; i++) {
                assertThat(sharedClient.post(WireClient.chat("hi")).statusCode()).isEqualTo(200);
            }
            assertThat(shared.requestCount()).isEqualTo(8);
        } finally {
            vertx.close().await();
        }
    }
}
