package dev.junction.config;

import dev.junction.extension.FailureMode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.node.ObjectNode;

/**
 * The {@code extensions:} section: which plugins are enabled, with their settings and the operator's overrides of
 * their manifests. With no section (or no plugin enabled) nothing is loaded and the request path has no extension
 * stage. Immutable (the settings objects are copies no one changes).
 *
 * @param directory where plugin jars are looked for, each in a class loader of its own ({@code ./extensions})
 * @param disableAfter consecutive failures after which a plugin is disabled until re-enabled
 * @param plugins by manifest name, in file order
 */
public record ExtensionSettings(Path directory, int disableAfter, Map<String, Plugin> plugins) {

    /** The default directory. */
    public static final Path DEFAULT_DIRECTORY = Path.of("extensions");

    /** The default number of consecutive failures before a plugin is disabled. */
    public static final int DEFAULT_DISABLE_AFTER = 5;

    /** No extensions. */
    public static final ExtensionSettings NONE = new ExtensionSettings(DEFAULT_DIRECTORY, DEFAULT_DISABLE_AFTER,
            Map.of());

    public ExtensionSettings {
        plugins = Collections.unmodifiableMap(new LinkedHashMap<>(plugins));
    }

    /** Whether any plugin is enabled. */
    public boolean any() {
        return plugins.values().stream().anyMatch(Plugin::enabled);
    }

    /**
     * One plugin's configuration.
     *
     * @param enabled whether it runs ({@code enabled: false} keeps its settings without loading it)
     * @param order overrides the manifest's order
     * @param timeout overrides the manifest's timeout
     * @param failureMode overrides the manifest's failure mode
     * @param bodies whether its finished hook may see the request and response bodies the request log captured
     * @param settings handed to the plugin's {@code start}, an empty object when none
     */
    public record Plugin(boolean enabled, Optional<Integer> order, Optional<Duration> timeout,
                         Optional<FailureMode> failureMode, boolean bodies, ObjectNode settings) {
    }
}
