package dev.junction.config;

import dev.junction.model.Dialect;
import dev.junction.provider.Platform;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import tools.jackson.databind.JsonNode;

/**
 * Reads a provider's {@code platform} block: {@code type} names where the API is hosted ({@code direct} when the
 * block is absent), and the other keys are that platform's settings, read by the platform's own reader. Stateless.
 */
final class PlatformReader {

    /** Reads one platform's settings from its block, reporting problems under {@code path}. */
    interface TypeReader {
        Optional<Platform> read(JsonNode block, String path, Dialect dialect, Map<String, String> env,
                                Problems problems);
    }

    /** Every platform the gateway knows, by the {@code type} the configuration gives. */
    private static final Map<String, TypeReader> TYPES = Map.of(
            "direct", (block, path, dialect, env, problems) -> {
                problems.onlyKeys(block, path, java.util.Set.of("type"));
                return Optional.of(Platform.DIRECT);
            },
            "vertex", new VertexPlatformReader(),
            "bedrock", BedrockPlatformReader::read,
            "azure", AzurePlatformReader::read);

    private PlatformReader() {}

    /** The provider's platform, from its definition {@code provider} at {@code path}. */
    static Platform platform(JsonNode provider, String path, Dialect dialect, Map<String, String> env,
                             Problems problems) {
        JsonNode block = provider.get("platform");
        String field = path + ".platform";
        if (block == null || block.isNull() || !problems.isMapping(block, field)) {
            return Platform.DIRECT;
        }
        Optional<String> type = problems.string(block, "type", field);
        if (type.isEmpty()) {
            problems.add(field + ".type: required (one of " + String.join(", ", new TreeSet<>(TYPES.keySet())) + ")");
            return Platform.DIRECT;
        }
        TypeReader reader = TYPES.get(type.get());
        if (reader == null) {
            problems.add(field + ".type: unknown platform '" + type.get() + "' (expected one of "
                    + String.join(", ", new TreeSet<>(TYPES.keySet())) + ")");
            return Platform.DIRECT;
        }
        return reader.read(block, field, dialect, env, problems).orElse(Platform.DIRECT);
    }
}
