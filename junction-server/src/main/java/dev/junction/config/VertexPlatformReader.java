package dev.junction.config;

import dev.junction.dialect.vertex.VertexCredentials;
import dev.junction.dialect.vertex.VertexPlatform;
import dev.junction.model.Dialect;
import dev.junction.provider.Platform;
import dev.junction.secret.Secret;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Reads a {@code platform: {type: vertex, …}} block: {@code project} and {@code location} (required), the
 * credentials ({@code credentials_file}, a service account's JSON key file, or {@code credentials_json}, the key
 * itself, kept as a {@link Secret}; neither means Application Default Credentials) and an optional
 * {@code base_url} that replaces the location's endpoint. Only Gemini and Anthropic dialect providers can be hosted
 * there. Stateless.
 */
final class VertexPlatformReader implements PlatformReader.TypeReader {

    private static final Set<String> KEYS = Set.of("type", "project", "location", "credentials_file",
            "credentials_json", "base_url");

    @Override
    public Optional<Platform> read(JsonNode block, String path, Dialect dialect, Map<String, String> env,
                                   Problems problems) {
        problems.onlyKeys(block, path, KEYS);
        if (dialect != Dialect.GEMINI && dialect != Dialect.ANTHROPIC) {
            problems.add(path + ".type: Vertex AI serves the gemini and anthropic dialects, not "
                    + dialect.name().toLowerCase(java.util.Locale.ROOT));
            return Optional.empty();
        }
        Optional<String> project = required(block, "project", path, problems);
        Optional<String> location = required(block, "location", path, problems);
        project.filter(p -> !VertexPlatform.PROJECT.matcher(p).matches()).ifPresent(p -> problems.add(
                path + ".project: '" + p + "' is not a Google Cloud project id"));
        location.filter(l -> !VertexPlatform.LOCATION.matcher(l).matches()).ifPresent(l -> problems.add(
                path + ".location: '" + l + "' is not a Vertex AI location (global, us-central1, europe-west4, …)"));
        Optional<String> baseUrl = problems.string(block, "base_url", path);
        baseUrl.filter(u -> !u.startsWith("http://") && !u.startsWith("https://")).ifPresent(u -> problems.add(
                path + ".base_url: expected an http:// or https:// URL, got '" + u + "'"));
        Optional<VertexCredentials> credentials = credentials(block, path, problems);
        if (project.isEmpty() || location.isEmpty() || credentials.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new VertexPlatform(project.get(), location.get(), credentials.get(), baseUrl));
        } catch (IllegalArgumentException reported) {
            return Optional.empty(); // the checks above have said why
        }
    }

    private static Optional<String> required(JsonNode block, String field, String path, Problems problems) {
        Optional<String> value = problems.string(block, field, path).filter(v -> !v.isBlank());
        if (value.isEmpty()) {
            problems.add(path + "." + field + ": required for Vertex AI");
        }
        return value;
    }

    private static Optional<VertexCredentials> credentials(JsonNode block, String path, Problems problems) {
        Optional<String> file = problems.string(block, "credentials_file", path);
        Optional<String> json = problems.string(block, "credentials_json", path).filter(j -> !j.isBlank());
        if (file.isPresent() && json.isPresent()) {
            problems.add(path + ": give credentials_file or credentials_json, not both");
            return Optional.empty();
        }
        if (json.isPresent()) {
            return Optional.of(new VertexCredentials.ServiceAccountJson(Secret.of(json.get())));
        }
        if (file.isEmpty()) {
            return Optional.of(new VertexCredentials.ApplicationDefault());
        }
        Path key = Path.of(file.get());
        if (!Files.isReadable(key)) {
            problems.add(path + ".credentials_file: cannot read '" + file.get() + "'");
            return Optional.empty();
        }
        return Optional.of(new VertexCredentials.ServiceAccountFile(key));
    }
}
