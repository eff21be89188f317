package dev.junction.config;

import dev.junction.extension.FailureMode;
import dev.junction.json.Json;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Reads the {@code extensions:} section into {@link ExtensionSettings}. */
final class ExtensionsReader {

    private static final String PATH = "extensions";
    private static final Set<String> KEYS = Set.of("directory", "disable_after", "plugins");
    private static final Set<String> PLUGIN = Set.of("enabled", "order", "timeout", "failure_mode", "bodies",
            "settings");

    private final Problems problems;

    ExtensionsReader(Problems problems) {
        this.problems = problems;
    }

    /** @param node the section, null when absent */
    ExtensionSettings read(JsonNode node) {
        if (node == null || node.isNull() || !problems.isMapping(node, PATH)) {
            return ExtensionSettings.NONE;
        }
        problems.onlyKeys(node, PATH, KEYS);
        Path directory = problems.string(node, "directory", PATH).map(Path::of)
                .orElse(ExtensionSettings.DEFAULT_DIRECTORY);
        int disableAfter = problems.integer(node, "disable_after", PATH, 1, 1_000_000)
                .orElse(ExtensionSettings.DEFAULT_DISABLE_AFTER);
        Map<String, ExtensionSettings.Plugin> plugins = new LinkedHashMap<>();
        JsonNode list = node.get("plugins");
        if (list != null && !list.isNull() && problems.isMapping(list, PATH + ".plugins")) {
            for (var entry : list.properties()) {
                plugin(entry.getValue(), PATH + ".plugins." + entry.getKey())
                        .ifPresent(p -> plugins.put(entry.getKey(), p));
            }
        }
        return new ExtensionSettings(directory, disableAfter, plugins);
    }

    private Optional<ExtensionSettings.Plugin> plugin(JsonNode node, String path) {
        if (node == null || node.isNull()) { // "name:" alone enables it with defaults
            return Optional.of(new ExtensionSettings.Plugin(true, Optional.empty(), Optional.empty(),
                    Optional.empty(), false, Json.object()));
        }
        if (!problems.isMapping(node, path)) {
            return Optional.empty();
        }
        problems.onlyKeys(node, path, PLUGIN);
        boolean enabled = problems.bool(node, "enabled", path).orElse(true);
        Optional<Integer> order = problems.integer(node, "order", path, -1_000_000, 1_000_000);
        Optional<FailureMode> mode = problems.string(node, "failure_mode", path).flatMap(label -> {
            Optional<FailureMode> m = FailureMode.ofLabel(label);
            if (m.isEmpty()) {
                problems.add(path + ".failure_mode: expected fail-open or fail-closed, got '" + label + "'");
            }
            return m;
        });
        boolean bodies = problems.bool(node, "bodies", path).orElse(false);
        JsonNode settings = node.get("settings");
        ObjectNode copy = Json.object();
        if (settings != null && !settings.isNull()) {
            if (settings.isObject()) {
                copy = ((ObjectNode) settings).deepCopy();
            } else {
                problems.add(path + ".settings: expected a mapping");
            }
        }
        return Optional.of(new ExtensionSettings.Plugin(enabled, order, problems.duration(node, "timeout", path),
                mode, bodies, copy));
    }
}
