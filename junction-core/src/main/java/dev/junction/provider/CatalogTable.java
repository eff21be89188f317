package dev.junction.provider;

import dev.junction.pricing.PriceCatalog;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The provider catalog as the Markdown table of {@code docs/providers.md}: each preset's dialect, credential,
 * operations (with the model patterns of those beyond chat and embeddings), base URL, environment variables,
 * unprefixed model patterns, parameter rules, how many of its models the bundled price list prices (with the list's
 * date), and the catalog's notes. Rendered from the data, never written by hand, so
 * the table cannot drift from {@code catalog.json} and {@code prices.json}; a test compares it with the document.
 * Stateless.
 */
public final class CatalogTable {

    /** The line before the generated table in the document. */
    public static final String BEGIN = "<!-- catalog-table: generated from catalog.json and prices.json; do not edit -->";

    /** The line after it. */
    public static final String END = "<!-- /catalog-table -->";

    private CatalogTable() {}

    /** The table of every preset of {@code catalog}, in catalog order, priced by {@code prices}. */
    public static String render(ProviderCatalog catalog, PriceCatalog prices) {
        StringBuilder out = new StringBuilder();
        out.append("| id | provider | dialect | auth | operations | default base URL | environment | unprefixed "
                + "patterns | dropped parameters | renamed | bundled prices | notes |\n");
        out.append("|---|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (ProviderPreset p : catalog.all()) {
            out.append("| `").append(p.id()).append("` | ").append(p.displayName())
                    .append(" | `").append(ProviderCatalog.name(p.dialect())).append("`")
                    .append(p.onPlatform() ? " on `" + platform(p) + "`" : "").append(" | ").append(auth(p))
                    .append(" | ").append(String.join(", ", operations(p).stream()
                            .map(op -> withModels(op, p.operations())).toList()))
                    .append(" | `").append(p.baseUrl()).append("` | ").append(environment(p))
                    .append(" | ").append(codes(p.modelPatterns()))
                    .append(" | ").append(orDash(String.join(", ", p.params().drop())))
                    .append(" | ").append(renamed(p.params().rename()))
                    .append(" | ").append(priced(p, prices))
                    .append(" | ").append(p.notes().orElse("—")).append(" |\n");
        }
        return out.toString();
    }

    /**
     * The operations the gateway serves for a preset's models (wire names): chat and embeddings where the dialect
     * has them, then those the catalog lists models for, and rerank where it names a rerank API. A preset that lists
     * an operation for every model ({@code *}) serves only what it lists: a model listed for some operation serves
     * those alone.
     */
    public static List<String> operations(ProviderPreset preset) {
        Set<String> ops = new LinkedHashSet<>();
        boolean everyModelListed = preset.operations().models().values().stream().anyMatch(p -> p.contains("*"));
        if (!everyModelListed) {
            switch (preset.dialect()) {
                case OPENAI_CHAT, OPENAI_RESPONSES, GEMINI, COHERE, OLLAMA -> {
                    ops.add("chat");
                    ops.add("embeddings");
                }
                case ANTHROPIC, BEDROCK_CONVERSE -> {
                    ops.add("chat");
                    if (platform(preset).equals("bedrock")) { // Titan and Cohere Embed through InvokeModel
                        ops.add("embeddings");
                    }
                }
                case ELEVENLABS -> ops.add("audio_speech");
                case DEEPGRAM -> ops.add("audio_transcription");
            }
        }
        ops.addAll(preset.operations().models().keySet());
        preset.operations().rerankApi().ifPresent(api -> ops.add("rerank"));
        return List.copyOf(ops);
    }

    /** An operation, with the model patterns the catalog lists for it: {@code images (`gpt-image-*`)}. */
    private static String withModels(String operation, ProviderOperations operations) {
        List<String> models = operations.models().getOrDefault(operation, List.of());
        return models.isEmpty() ? operation : operation + " (" + String.join(", ", models.stream()
                .map(m -> "`" + m + "`").toList()) + ")";
    }

    private static String platform(ProviderPreset preset) {
        return preset.platform().getOrDefault("type", "direct");
    }

    private static String auth(ProviderPreset preset) {
        return switch (platform(preset)) {
            case "azure" -> "`api-key` header, or an Entra ID token";
            case "bedrock" -> "SigV4 (AWS credentials), or a Bedrock API key";
            case "vertex" -> "Google OAuth2 token (service account, ADC)";
            default -> auth(preset.auth());
        };
    }

    private static String auth(AuthStyle auth) {
        return switch (auth) {
            case AuthStyle.Bearer b -> "bearer";
            case AuthStyle.Header h -> "`" + h.name() + "` header";
            case AuthStyle.None n -> "none";
        };
    }

    private static String environment(ProviderPreset p) {
        if (p.onPlatform()) {
            return p.keyRequired() ? "`" + p.envPrefix() + "_API_KEY` (with a `providers:` block)"
                    : "— (a `providers:` block)";
        }
        List<String> keys = new ArrayList<>();
        keys.add("`" + p.envPrefix() + "_API_KEY`");
        p.envAliases().forEach(alias -> keys.add("`" + alias + "_API_KEY`"));
        String key = String.join(" or ", keys) + (p.keyRequired() ? "" : " (optional)");
        return key + ", `" + p.envPrefix() + "_BASE_URL`";
    }

    private static String codes(List<String> names) {
        return orDash(String.join(", ", names.stream().map(n -> "`" + n + "`").toList()));
    }

    private static String renamed(Map<String, String> rename) {
        return orDash(String.join(", ", new TreeMap<>(rename).entrySet().stream() // sorted: the map has no order
                .map(e -> e.getKey() + "→" + e.getValue()).toList()));
    }

    /** How many models the price list has for the preset: by its listed names and its unprefixed patterns. */
    private static String priced(ProviderPreset p, PriceCatalog prices) {
        long count = prices.models().stream().filter(model -> p.models().contains(model)
                || p.modelPatterns().stream().anyMatch(pattern -> Glob.matches(pattern, model))).count();
        if (count > 0) {
            return count + " models (" + prices.version() + ")";
        }
        return p.keyRequired() || p.onPlatform() ? "— (set `price:` per deployment)" : "— (self-hosted)";
    }

    private static String orDash(String text) {
        return text.isEmpty() ? "—" : text;
    }
}
