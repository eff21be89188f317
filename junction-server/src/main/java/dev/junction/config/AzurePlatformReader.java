package dev.junction.config;

import dev.junction.dialect.azure.AzurePlatform;
import dev.junction.dialect.azure.EntraCredentials;
import dev.junction.model.Dialect;
import dev.junction.provider.Platform;
import dev.junction.secret.Secret;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Reads the {@code platform: {type: azure, …}} block of a provider hosted on Azure OpenAI: {@code api}
 * ({@code deployments}, the default, or {@code v1}), {@code api_version}, and for Microsoft Entra ID authentication
 * {@code tenant_id}, {@code client_id}, {@code client_secret} (all three or none) and {@code authority_url}.
 * Stateless.
 */
final class AzurePlatformReader {

    private static final Set<String> KEYS = Set.of("type", "api", "api_version", "tenant_id", "client_id",
            "client_secret", "authority_url");
    private static final List<String> ENTRA_KEYS = List.of("tenant_id", "client_id", "client_secret");

    private AzurePlatformReader() {}

    /** The Azure platform of the block, or empty when it has problems (reported under {@code path}). */
    static Optional<Platform> read(JsonNode block, String path, Dialect dialect, Map<String, String> env,
                                   Problems problems) {
        int before = problems.list().size();
        problems.onlyKeys(block, path, KEYS);
        if (dialect != Dialect.OPENAI_CHAT && dialect != Dialect.OPENAI_RESPONSES) {
            problems.add(path + ".type: Azure OpenAI serves the openai and openai-responses dialects, not "
                    + dialect.name().toLowerCase(java.util.Locale.ROOT));
        }
        AzurePlatform.Api api = problems.string(block, "api", path).map(text -> switch (text) {
            case "deployments" -> AzurePlatform.Api.DEPLOYMENTS;
            case "v1" -> AzurePlatform.Api.V1;
            default -> {
                problems.add(path + ".api: expected deployments or v1, got '" + text + "'");
                yield AzurePlatform.Api.DEPLOYMENTS;
            }
        }).orElse(AzurePlatform.Api.DEPLOYMENTS);
        String apiVersion = problems.string(block, "api_version", path).orElse(AzurePlatform.DEFAULT_API_VERSION);
        if (!apiVersion.matches("\\d{4}-\\d{2}-\\d{2}(-preview)?")) {
            problems.add(path + ".api_version: expected a version such as " + AzurePlatform.DEFAULT_API_VERSION
                    + " or 2025-04-01-preview, got '" + apiVersion + "'");
        }
        Optional<EntraCredentials> entra = entra(block, path, problems);
        if (problems.list().size() > before) {
            return Optional.empty();
        }
        return Optional.of(new AzurePlatform(api, apiVersion, entra));
    }

    private static Optional<EntraCredentials> entra(JsonNode block, String path, Problems problems) {
        Map<String, Optional<String>> given = new java.util.LinkedHashMap<>();
        ENTRA_KEYS.forEach(key -> given.put(key, problems.string(block, key, path).filter(v -> !v.isBlank())));
        Optional<String> authority = problems.string(block, "authority_url", path);
        long present = given.values().stream().filter(Optional::isPresent).count();
        if (present == 0) {
            authority.ifPresent(url -> problems.add(path + ".authority_url: only used with Microsoft Entra ID "
                    + "(tenant_id, client_id, client_secret)"));
            return Optional.empty();
        }
        if (present < ENTRA_KEYS.size()) {
            given.forEach((key, value) -> {
                if (value.isEmpty()) {
                    problems.add(path + "." + key + ": required with Microsoft Entra ID (tenant_id, client_id and "
                            + "client_secret go together)");
                }
            });
            return Optional.empty();
        }
        String authorityUrl = authority.orElse(EntraCredentials.DEFAULT_AUTHORITY);
        if (!authorityUrl.startsWith("https://") && !authorityUrl.startsWith("http://")) {
            problems.add(path + ".authority_url: expected an http:// or https:// URL, got '" + authorityUrl + "'");
            return Optional.empty();
        }
        return Optional.of(new EntraCredentials(given.get("tenant_id").get(), given.get("client_id").get(),
                Secret.of(given.get("client_secret").get()), authorityUrl));
    }
}
