package dev.junction.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The {@code guardrails:} section: the policies in file order. Immutable.
 *
 * @param detectorDirectory the extensions directory, when a policy uses a detector one of its plugins provides: a
 *     change of its jars then reloads the configuration (see {@code ConfigWatcher}), which loads them anew
 */
public record GuardrailSettings(List<GuardPolicy> policies, Optional<Path> detectorDirectory) {

    /** No guardrails. */
    public static final GuardrailSettings NONE = new GuardrailSettings(List.of());

    public GuardrailSettings {
        policies = List.copyOf(policies);
    }

    /** Policies whose detectors all come from the class path. */
    public GuardrailSettings(List<GuardPolicy> policies) {
        this(policies, Optional.empty());
    }

    /** Whether any policy runs on answers (a stream then needs a transform when such a policy applies). */
    public boolean anyOutput() {
        return policies.stream().anyMatch(p -> p.on().output());
    }
}
