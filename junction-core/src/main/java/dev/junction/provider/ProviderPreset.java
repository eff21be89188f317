package dev.junction.provider;

import dev.junction.model.Dialect;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A known provider from the bundled catalog: where it lives, how it authenticates, which models it serves, and
 * which request parameters it cannot take.
 *
 * @param id the name used in {@code provider/model} and in configuration ({@code groq})
 * @param envPrefix the environment prefix: {@code <PREFIX>_API_KEY} enables it, {@code <PREFIX>_BASE_URL} moves it
 * @param envAliases further prefixes whose {@code _API_KEY} also enables it ({@code GOOGLE} for Gemini)
 * @param keyRequired whether it is unusable without a key; local servers are enabled by their base URL alone
 * @param models model names it serves, for {@code /v1/models} and for routing unprefixed names
 * @param modelPatterns glob patterns ({@code gpt-*}) of names it serves, for routing unprefixed names
 * @param operations which of its models serve images, rerank, …, and its rerank API
 * @param platform the {@code platform:} settings a provider of this preset starts from ({@code type: vertex}, …),
 *     which its own block completes (the region, the project, the credentials); empty for a provider served
 *     directly. A preset with a platform is enabled by a {@code providers:} block only, never by the environment.
 */
public record ProviderPreset(String id, String displayName, Dialect dialect, String baseUrl, String envPrefix,
                             List<String> envAliases, boolean keyRequired, AuthStyle auth, List<String> models, List<String> modelPatterns,
                             ParamRules params, Optional<String> docs, ProviderOperations operations,
                             Map<String, String> platform, Optional<String> notes) {

    public ProviderPreset {
        envAliases = List.copyOf(envAliases);
        models = List.copyOf(models);
        modelPatterns = List.copyOf(modelPatterns);
        platform = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(platform));
    }

    /** Whether providers of this preset are hosted on a cloud platform ({@link #platform} names its type). */
    public boolean onPlatform() {
        return !platform.isEmpty();
    }
}
