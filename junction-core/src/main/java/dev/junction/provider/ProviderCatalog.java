package dev.junction.provider;

import dev.junction.json.Json;
import dev.junction.model.Dialect;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * The bundled, versioned catalog of provider presets ({@code dev/junction/provider/catalog.json}). Immutable and
 * thread safe; the order of presets is the order in which unprefixed model names are matched.
 */
public final class ProviderCatalog {

    private static final String RESOURCE = "/dev/junction/provider/catalog.json";

    private final String version;
    private final Map<String, ProviderPreset> presets;

    private ProviderCatalog(String version, Map<String, ProviderPreset> presets) {
        this.version = version;
        this.presets = presets;
    }

    /** The catalog shipped in the jar. */
    public static ProviderCatalog bundled() {
        try (InputStream in = ProviderCatalog.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the provider catalog " + RESOURCE + " is missing from the classpath");
            }
            return parse(Json.MAPPER.readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A catalog entry's {@code operations} (patterns by operation) and {@code rerank_api}. */
    public static ProviderOperations operations(JsonNode entry) {
        Map<String, List<String>> models = new LinkedHashMap<>();
        JsonNode ops = entry.path("operations");
        if (ops.isObject()) {
            ops.properties().forEach(e -> models.put(e.getKey(), strings(e.getValue())));
        }
        return new ProviderOperations(models, Optional.ofNullable(entry.path("rerank_api").stringValue(null)));
    }

    /** An entry's {@code platform} settings, as strings; empty for a provider served directly. */
    private static Map<String, String> platform(JsonNode entry) {
        Map<String, String> settings = new LinkedHashMap<>();
        entry.path("platform").properties().forEach(e -> settings.put(e.getKey(), e.getValue().asString()));
        return settings;
    }

    static ProviderCatalog parse(JsonNode root) {
        Map<String, ProviderPreset> presets = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        for (JsonNode p : root.path("providers")) {
            String id = p.path("id").asString();
            ParamRules params = ParamRulesReader.read(p.get("params"), "catalog." + id + ".params", problems::add);
            presets.put(id, new ProviderPreset(id, p.path("name").asString(id), dialect(p.path("dialect").asString(
                    "openai")), p.path("base_url").asString(), p.path("env").asString(id.toUpperCase()),
                    strings(p.get("env_aliases")), p.path("key_required").asBoolean(true), AuthStyle.parse(p.path("auth").asString("bearer")),
                    strings(p.get("models")), strings(p.get("model_patterns")), params,
                    Optional.ofNullable(p.path("docs").stringValue(null)), operations(p), platform(p),
                    Optional.ofNullable(p.path("notes").stringValue(null))));
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException("the bundled provider catalog is invalid: " + problems);
        }
        return new ProviderCatalog(root.path("version").asString("unknown"),
                java.util.Collections.unmodifiableMap(presets));
    }

    /**
     * Maps the catalog's and the configuration's dialect names: {@code openai} (Chat Completions),
     * {@code openai-responses} (the Responses API at {@code <base_url>/responses}), {@code anthropic},
     * {@code gemini}, {@code cohere} (Cohere v2), {@code ollama} (Ollama's native API), {@code elevenlabs} and {@code deepgram} (audio
     * only).
     */
    public static Dialect dialect(String name) {
        return switch (name) {
            case "openai" -> Dialect.OPENAI_CHAT;
            case "openai-responses" -> Dialect.OPENAI_RESPONSES;
            case "anthropic" -> Dialect.ANTHROPIC;
            case "gemini" -> Dialect.GEMINI;
            case "bedrock-converse" -> Dialect.BEDROCK_CONVERSE;
            case "cohere" -> Dialect.COHERE;
            case "ollama" -> Dialect.OLLAMA;
            case "elevenlabs" -> Dialect.ELEVENLABS;
            case "deepgram" -> Dialect.DEEPGRAM;
            default -> throw new IllegalArgumentException("unknown dialect '" + name + "' (expected openai, "
                    + "openai-responses, anthropic, gemini, bedrock-converse, cohere, ollama, elevenlabs or deepgram)");
        };
    }

    /** The name {@link #dialect(String)} reads as {@code dialect}. */
    public static String name(Dialect dialect) {
        return switch (dialect) {
            case OPENAI_CHAT -> "openai";
            case OPENAI_RESPONSES -> "openai-responses";
            case ANTHROPIC -> "anthropic";
            case GEMINI -> "gemini";
            case BEDROCK_CONVERSE -> "bedrock-converse";
            case COHERE -> "cohere";
            case OLLAMA -> "ollama";
            case ELEVENLABS -> "elevenlabs";
            case DEEPGRAM -> "deepgram";
        };
    }

    private static List<String> strings(JsonNode node) {
        List<String> out = new ArrayList<>();
        if (node != null) {
            node.forEach(n -> out.add(n.asString()));
        }
        return out;
    }

    /** The catalog's version, a date. */
    public String version() {
        return version;
    }

    /** The preset with this id. */
    public Optional<ProviderPreset> find(String id) {
        return Optional.ofNullable(presets.get(id));
    }

    /** All presets, in matching order. */
    public List<ProviderPreset> all() {
        return List.copyOf(presets.values());
    }
}
