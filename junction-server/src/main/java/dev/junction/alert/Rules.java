package dev.junction.alert;

import dev.junction.config.AlertSettings;

/** Makes the rule a configuration describes. */
final class Rules {

    private Rules() {}

    static Rule create(AlertSettings.Rule settings) {
        return switch (settings.type()) {
            case UPSTREAM_FAILURE_RATE -> UpstreamShareRule.failures(settings);
            case UPSTREAM_KEY_INVALID -> UpstreamShareRule.keyRefused(settings);
            case RATE_LIMITED -> UpstreamShareRule.rateLimited(settings);
            case UPSTREAM_CONSECUTIVE_FAILURES -> new ConsecutiveFailuresRule(settings);
            case CIRCUIT_OPEN -> new CircuitOpenRule(settings);
            case BUDGET -> new BudgetRule(settings);
            case REQUEST_LOG -> new RequestLogRule(settings);
            case DEPENDENCY_DOWN -> new DependencyRule(settings);
            case GUARDRAIL_HITS -> new GuardrailHitsRule(settings);
        };
    }
}
