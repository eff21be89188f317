package dev.junction.it;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * The stored-configuration admin endpoints of a running gateway, called with the admin key {@link #YAML} configures
 * (named {@link #ACTOR}). Test helper.
 */
final class StoredConfigAdmin implements AutoCloseable {

    /** The admin key's name, which the audit trail records as the actor. */
    static final String ACTOR = "ops-tests";
    static final String ADMIN_KEY = "admin-key-for-tests-0123456789";
    /** The YAML line that gives a test gateway this admin key. */
    static final String YAML = "admin_keys: [{name: " + ACTOR + ", key: " + ADMIN_KEY + "}]\n";

    private final Gateway gateway;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private StoredConfigAdmin(Gateway gateway) {
        this.gateway = gateway;
    }

    /** The endpoints of this gateway, which must have been started with {@link #YAML}. */
    static StoredConfigAdmin of(Gateway gateway) {
        return new StoredConfigAdmin(gateway);
    }

    String baseUrl() {
        return gateway.baseUrl();
    }

    HttpResponse<String> get(String path) {
        return send(request(path).GET());
    }

    HttpResponse<String> put(String path, String json) {
        return send(request(path).header("content-type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json)));
    }

    HttpResponse<String> delete(String path) {
        return send(request(path).DELETE());
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(baseUrl() + path)).timeout(Duration.ofSeconds(20))
                .header("authorization", "Bearer " + ADMIN_KEY);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new AssertionError("request to the admin endpoints failed: " + e, e);
        }
    }

    @Override
    public void close() {
        // nothing of its own to close: the gateway serves the endpoints
    }
}
