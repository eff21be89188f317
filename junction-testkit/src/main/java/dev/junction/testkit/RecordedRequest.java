package dev.junction.testkit;

import io.vertx.core.http.HttpVersion;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;

/**
 * One request as the mock upstream received it. Immutable apart from {@link #json()}, a Jackson tree
 * shared by all readers: do not modify it.
 *
 * @param method the HTTP method, e.g. {@code POST}
 * @param path the request target: path plus query, e.g. {@code /v1/chat/completions?x=1}
 * @param headers the headers by lower-case name, values in arrival order
 * @param body the raw body decoded as UTF-8; empty when there was none
 * @param json the body parsed as JSON; a {@link tools.jackson.databind.node.MissingNode} when the
 *     body is empty or not JSON, so {@code json().path("model")} is always safe
 * @param version the HTTP version the request came in ({@link HttpVersion#HTTP_2} when the client chose it by
 *     ALPN over TLS)
 */
public record RecordedRequest(
        String method, String path, Map<String, List<String>> headers, String body, JsonNode json,
        HttpVersion version) {

    /** Rejects null components and copies the headers, lower-casing their names. */
    public RecordedRequest {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
        headers = immutableLowerCase(headers);
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(json, "json");
        Objects.requireNonNull(version, "version");
    }

    /**
     * The first value of a header.
     *
     * @param name the header name, any case
     * @return the first value, or empty when the header is absent
     */
    public Optional<String> header(String name) {
        List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.getFirst());
    }

    private static Map<String, List<String>> immutableLowerCase(Map<String, List<String>> headers) {
        Map<String, List<String>> copy = new LinkedHashMap<>();
        headers.forEach((name, values) -> copy.merge(name.toLowerCase(Locale.ROOT), List.copyOf(values),
                (earlier, later) -> Stream.concat(earlier.stream(), later.stream()).toList()));
        return Collections.unmodifiableMap(copy);
    }
}
