package dev.junction.metrics;

import dev.junction.events.GuardrailTriggered;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.function.Consumer;

/**
 * {@code junction_guardrail_hits_total{policy, detector, entity_type, action, direction}}: guardrail findings by what
 * was done about them. Policy and detector names come from the configuration and entity types from the detectors, but
 * each is bounded anyway (a configuration may name many custom lists); action and direction are closed sets.
 */
final class GuardrailMeters implements Consumer<GuardrailTriggered> {

    private record Labels(String policy, String detector, String entityType, String action, String direction) {
    }

    private final BoundedLabel policies = new BoundedLabel(50);
    private final BoundedLabel detectors = new BoundedLabel(50);
    private final BoundedLabel types = new BoundedLabel(100);
    private final MeterCache<Labels, Counter> hits;

    GuardrailMeters(MeterRegistry registry) {
        this.hits = new MeterCache<>(l -> Counter.builder("junction_guardrail_hits")
                .description("Guardrail findings, by policy, detector, entity type, action and direction")
                .tags("policy", l.policy(), "detector", l.detector(), "entity_type", l.entityType(),
                        "action", l.action(), "direction", l.direction())
                .register(registry));
    }

    @Override
    public void accept(GuardrailTriggered event) {
        hits.get(new Labels(policies.of(event.policy()), detectors.of(event.detector()), types.of(event.entityType()),
                event.action(), event.direction())).increment();
    }
}
