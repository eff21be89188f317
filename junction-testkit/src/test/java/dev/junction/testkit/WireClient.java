package dev.junction.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** A plain {@link HttpClient} speaking to a mock upstream, with helpers to read JSON and SSE bodies. */
final class WireClient {

    static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final MockUpstream mock;

    WireClient(MockUpstream mock) {
        this.mock = mock;
    }

    /** {@code {"model":"gpt-4o-mini","messages":[{"role":"user","content":userText}]}} */
    static ObjectNode chat(String userText) {
        ObjectNode body = JSON.createObjectNode().put("model", "gpt-4o-mini");
        body.putArray("messages").addObject().put("role", "user").put("content", userText);
        return body;
    }

    static ObjectNode streamingChat(String userText, boolean includeUsage) {
        ObjectNode body = chat(userText).put("stream", true);
        body.putObject("stream_options").put("include_usage", includeUsage);
        return body;
    }

    static JsonNode parse(String json) {
        return JSON.readTree(json);
    }

    static Path fixture(String name) {
        // The repository's copy of the OpenAI fixtures (from shared/wire/fixtures), so the build needs nothing outside it.
        return Path.of("..", "junction-core", "src", "test", "resources", "fixtures", "openai-chat", name);
    }

    HttpRequest.Builder request(String pathUnderV1) {
        return HttpRequest.newBuilder(URI.create(mock.baseUrl() + pathUnderV1)).timeout(Duration.ofSeconds(5));
    }

    HttpRequest chatRequest(String body) {
        return request("/chat/completions")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
    }

    HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    HttpResponse<String> post(JsonNode body) {
        return send(chatRequest(body.toString()));
    }

    /** Sends and returns as soon as the headers arrived; the body is read by the caller. */
    HttpResponse<InputStream> open(HttpRequest request) throws IOException, InterruptedException {
        return http.send(request, HttpResponse.BodyHandlers.ofInputStream());
    }

    /**
     * Posts a streaming chat request over a raw HTTP/1.1 socket and returns every byte the server sends
     * until it closes the connection. Unlike {@link HttpClient}, this keeps data that arrived just
     * before an abrupt close, and shows whether the chunked body was terminated.
     */
    String postRawUntilClosed(String jsonBody) {
        byte[] body = jsonBody.getBytes(StandardCharsets.UTF_8);
        String head = "POST /v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                + "Content-Length: " + body.length + "\r\n\r\n";
        try (var socket = new Socket("127.0.0.1", mock.port())) {
            socket.setSoTimeout(5_000);
            socket.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().write(body);
            socket.getOutputStream().flush();
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The {@code data:} payloads of an SSE body, in order. */
    static List<String> dataOf(String sse) {
        List<String> data = new ArrayList<>();
        for (String event : sse.split("\n\n")) {
            if (event.startsWith("data: ")) {
                data.add(event.substring("data: ".length()));
            }
        }
        return data;
    }
}
