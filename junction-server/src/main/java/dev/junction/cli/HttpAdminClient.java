package dev.junction.cli;

import dev.junction.json.Json;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** The admin API of a running gateway, over HTTP with an admin key. Used by one thread. */
final class HttpAdminClient implements AdminClient {

    private final HttpClient http;
    private final String base;
    private final String adminKey;

    /**
     * @param base the gateway's address, such as {@code http://127.0.0.1:8080}
     * @param adminKey one of its admin keys
     */
    HttpAdminClient(String base, String adminKey) {
        String trimmed = base.strip();
        this.base = trimmed.endsWith("/") ? trimmed.substring(0, trimmed.length() - 1) : trimmed;
        this.adminKey = adminKey;
        URI uri;
        try {
            uri = URI.create(this.base);
        } catch (IllegalArgumentException e) {
            throw new CliFailure("--url: '" + base + "' is not a URL");
        }
        if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
            throw new CliFailure("--url: expected http://host:port or https://host, got '" + base + "'");
        }
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    }

    @Override
    public ArrayNode list(String resource, Map<String, String> filters) {
        String query = filters.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        JsonNode page = send("GET", "/api/admin/" + resource + (query.isEmpty() ? "" : "?" + query), Optional.empty());
        return (ArrayNode) page.get("data");
    }

    @Override
    public ObjectNode createPrincipal(ObjectNode body) {
        return (ObjectNode) send("POST", "/api/admin/principals", Optional.of(body));
    }

    @Override
    public ObjectNode verifyAudit() {
        return (ObjectNode) send("GET", "/api/admin/audit/verify", Optional.empty());
    }

    @Override
    public ObjectNode createUser(ObjectNode body) {
        return (ObjectNode) send("POST", "/api/admin/users", Optional.of(body));
    }

    @Override
    public ObjectNode createKey(ObjectNode body) {
        return (ObjectNode) send("POST", "/api/admin/keys", Optional.of(body));
    }

    @Override
    public ObjectNode revokeKey(String id) {
        return (ObjectNode) send("POST", "/api/admin/keys/" + URLEncoder.encode(id, StandardCharsets.UTF_8)
                + "/revoke", Optional.empty());
    }

    private JsonNode send(String method, String path, Optional<JsonNode> body) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                .header("authorization", "Bearer " + adminKey).header("content-type", "application/json")
                .method(method, body.map(b -> HttpRequest.BodyPublishers.ofByteArray(Json.bytes(b)))
                        .orElse(HttpRequest.BodyPublishers.noBody()))
                .build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (ConnectException e) {
            throw new CliFailure("cannot connect to " + base + "; is the gateway running?");
        } catch (IOException e) {
            throw new CliFailure("the request to " + base + " failed: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliFailure("interrupted");
        }
        JsonNode answer = Json.tryParse(response.body()).orElse(Json.object());
        if (response.statusCode() >= 400) {
            String message = answer.at("/error/message").asString("HTTP " + response.statusCode());
            throw new CliFailure(message + " (HTTP " + response.statusCode() + ")");
        }
        return answer;
    }

    @Override
    public void close() {
        http.close();
    }
}
