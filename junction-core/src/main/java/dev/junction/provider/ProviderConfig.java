package dev.junction.provider;

import dev.junction.model.Dialect;
import dev.junction.secret.Secret;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A provider as this gateway runs it: a preset (or a custom entry) resolved against the environment and the
 * configuration file. Immutable; a configuration change builds a new one.
 *
 * @param name the name clients and routes use ({@code openai}, {@code my-vllm})
 * @param baseUrl the API root without a trailing slash ({@code https://api.groq.com/openai/v1})
 * @param apiKey the credential, absent for servers that need none
 * @param headers extra headers sent with every request
 * @param models model names it serves (catalog plus configuration)
 * @param modelPatterns glob patterns of model names it serves
 * @param caBundle the certificates its TLS server is verified against instead of the JVM's trust store, if any
 * @param platform where the API is hosted ({@link Platform#DIRECT}, or a cloud platform's settings)
 * @param keys the provider's keys when it has several ({@link KeyPool#NONE} otherwise); {@code apiKey} is then the
 *     credential of one attempt, chosen from them per attempt by the route executor (the first key until then)
 * @param operations which models serve images, rerank, … and the rerank API it speaks
 */
public record ProviderConfig(String name, Dialect dialect, String baseUrl, Optional<Secret> apiKey, AuthStyle auth,
                             Map<String, String> headers, ParamRules params, Timeouts timeouts, List<String> models,
                             List<String> modelPatterns, Optional<CaBundle> caBundle, Platform platform,
                             KeyPool keys, ProviderOperations operations) {

    public ProviderConfig {
        baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        headers = Map.copyOf(headers);
        models = List.copyOf(models);
        modelPatterns = List.copyOf(modelPatterns);
        java.util.Objects.requireNonNull(platform, "platform");
        java.util.Objects.requireNonNull(keys, "keys");
        java.util.Objects.requireNonNull(operations, "operations");
        if (apiKey.isEmpty() && !keys.keys().isEmpty()) {
            apiKey = Optional.of(keys.keys().getFirst().secret());
        }
    }

    /** A provider with one key or none. */
    public ProviderConfig(String name, Dialect dialect, String baseUrl, Optional<Secret> apiKey, AuthStyle auth,
                          Map<String, String> headers, ParamRules params, Timeouts timeouts, List<String> models,
                          List<String> modelPatterns, Optional<CaBundle> caBundle, Platform platform,
                          ProviderOperations operations) {
        this(name, dialect, baseUrl, apiKey, auth, headers, params, timeouts, models, modelPatterns, caBundle,
                platform, KeyPool.NONE, operations);
    }

    /** A provider that says nothing of operations beyond chat and embeddings. */
    public ProviderConfig(String name, Dialect dialect, String baseUrl, Optional<Secret> apiKey, AuthStyle auth,
                          Map<String, String> headers, ParamRules params, Timeouts timeouts, List<String> models,
                          List<String> modelPatterns, Optional<CaBundle> caBundle, Platform platform) {
        this(name, dialect, baseUrl, apiKey, auth, headers, params, timeouts, models, modelPatterns, caBundle,
                platform, KeyPool.NONE, ProviderOperations.NONE);
    }

    /** A provider served directly at its base URL. */
    public ProviderConfig(String name, Dialect dialect, String baseUrl, Optional<Secret> apiKey, AuthStyle auth,
                          Map<String, String> headers, ParamRules params, Timeouts timeouts, List<String> models,
                          List<String> modelPatterns, Optional<CaBundle> caBundle) {
        this(name, dialect, baseUrl, apiKey, auth, headers, params, timeouts, models, modelPatterns, caBundle,
                Platform.DIRECT);
    }

    /** A provider served directly at its base URL, verified against the JVM's trust store. */
    public ProviderConfig(String name, Dialect dialect, String baseUrl, Optional<Secret> apiKey, AuthStyle auth,
                          Map<String, String> headers, ParamRules params, Timeouts timeouts, List<String> models,
                          List<String> modelPatterns) {
        this(name, dialect, baseUrl, apiKey, auth, headers, params, timeouts, models, modelPatterns,
                Optional.empty());
    }

    /** The same provider with other timeouts (a route's or a deployment's). */
    public ProviderConfig withTimeouts(Timeouts other) {
        return new ProviderConfig(name, dialect, baseUrl, apiKey, auth, headers, params, other, models, modelPatterns,
                caBundle, platform, keys, operations);
    }

    /** The same provider hosted on another platform. */
    public ProviderConfig withPlatform(Platform other) {
        return new ProviderConfig(name, dialect, baseUrl, apiKey, auth, headers, params, timeouts, models,
                modelPatterns, caBundle, other, keys, operations);
    }

    /** The same provider sending {@code key} (one attempt's key from its {@link #keys() pool}). */
    public ProviderConfig withApiKey(Secret key) {
        return new ProviderConfig(name, dialect, baseUrl, Optional.of(key), auth, headers, params, timeouts, models,
                modelPatterns, caBundle, platform, keys, operations);
    }

    /** Whether this provider claims the model name, exactly or by pattern. */
    public boolean serves(String model) {
        if (models.contains(model)) {
            return true;
        }
        for (String pattern : modelPatterns) {
            if (Glob.matches(pattern, model)) {
                return true;
            }
        }
        return false;
    }
}
