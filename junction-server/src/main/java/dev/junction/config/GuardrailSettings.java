package dev.junction.config;

import java.util.List;

/**
 * The {@code guardrails:} section: the policies in file order. Immutable.
 */
public record GuardrailSettings(List<GuardPolicy> policies) {

    /** No guardrails. */
    public static final GuardrailSettings NONE = new GuardrailSettings(List.of());

    public GuardrailSettings {
        policies = List.copyOf(policies);
    }

    /** Whether any policy runs on answers (a stream then needs a transform when such a policy applies). */
    public boolean anyOutput() {
        return policies.stream().anyMatch(p -> p.on().output());
    }
}
