package dev.junction.dialect.vertex;

import dev.junction.provider.Platform;
import dev.junction.secret.Secret;
import java.net.URLEncoder;
import java.util.List;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A provider hosted on Google Vertex AI: its project, its location ({@code global} or a region such as
 * {@code us-central1}) and its credentials. The API is at {@code https://aiplatform.googleapis.com} for the global
 * location and {@code https://{location}-aiplatform.googleapis.com} otherwise, unless {@code baseUrl} overrides it
 * (a proxy, a test). Immutable.
 *
 * @param baseUrl the API's root instead of the location's, without a trailing slash
 */
public record VertexPlatform(String project, String location, VertexCredentials credentials,
                             Optional<String> baseUrl) implements Platform {

    /** The location served by the global endpoint. */
    public static final String GLOBAL = "global";

    /** Project ids (and domain-scoped ones, {@code example.com:project}). */
    public static final Pattern PROJECT = Pattern.compile("[a-z][a-z0-9.:-]{1,61}[a-z0-9]");

    /** {@code global} or a region name. */
    public static final Pattern LOCATION = Pattern.compile("[a-z][a-z0-9-]*[a-z0-9]");

    public VertexPlatform {
        Objects.requireNonNull(credentials, "credentials");
        if (!PROJECT.matcher(project).matches()) {
            throw new IllegalArgumentException("not a Google Cloud project id: '" + project + "'");
        }
        if (!LOCATION.matcher(location).matches()) {
            throw new IllegalArgumentException("not a Vertex AI location: '" + location + "'");
        }
        baseUrl = baseUrl.map(url -> url.endsWith("/") ? url.substring(0, url.length() - 1) : url);
    }

    /** {@inheritDoc} */
    @Override
    public boolean renewsCredentials() {
        return true;
    }

    @Override
    public String type() {
        return "vertex";
    }

    /** The API's root URL for this location. */
    public String endpoint() {
        return baseUrl.orElseGet(() -> GLOBAL.equals(location)
                ? "https://aiplatform.googleapis.com"
                : "https://" + location + "-aiplatform.googleapis.com");
    }

    /**
     * The URL of {@code method} ({@code generateContent}, {@code rawPredict}, …) on a publisher's model. The model is
     * one path segment, percent-encoded, so a model name cannot add segments or another {@code :method};
     * the {@code @} of a versioned Claude model ({@code claude-sonnet-4-5@20250929}) stays as Google's docs write it.
     *
     * @param publisher {@code google} or {@code anthropic}
     */
    public String modelUrl(String publisher, String model, String method) {
        String id = model.startsWith("models/") ? model.substring("models/".length()) : model;
        return endpoint() + "/v1/projects/" + project + "/locations/" + location + "/publishers/" + publisher
                + "/models/" + URLEncoder.encode(id, StandardCharsets.UTF_8).replace("+", "%20").replace("%40", "@")
                + ":" + method;
    }

    /** The secrets these settings hold, for the redactor: an inline service-account key. */
    public List<Secret> secrets() {
        return credentials instanceof VertexCredentials.ServiceAccountJson json ? List.of(json.json()) : List.of();
    }
}
