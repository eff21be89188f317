package dev.junction.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.guard.Detectors;
import dev.junction.provider.ProviderCatalog;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Detectors are found by {@link java.util.ServiceLoader}: the built-ins are providers themselves, and a provider on
 * the class path (this test's {@code test-order-ids}) is usable by name in a policy like them.
 */
class DetectorProvidersTest {

    @Test
    void theBuiltInDetectorsAreProvidersAndAClassPathOneJoinsThem() {
        assertThat(Detectors.BUILT_IN).contains("pii", "secrets", "injection", "test-order-ids");
        assertThat(Detectors.builtIn("secrets", "US")).hasValueSatisfying(d -> assertThat(d.name())
                .isEqualTo("secrets"));
    }

    @Test
    void aPolicyNamesAProvidedDetectorAndItsEntityType() {
        GuardPolicy policy = new ConfigLoader(ProviderCatalog.bundled(), Map.of()).loadYaml("""
                guardrails:
                  policies:
                    orders:
                      detectors: [test-order-ids, pii]
                      actions: {ORDER_ID: redact}
                """, "test.yaml").guardrails().policies().getFirst();

        assertThat(policy.detectors()).extracting(d -> d.name()).containsExactly("test-order-ids", "pii");
        assertThat(policy.detectors().getFirst().scan("ship ORD-123456 today")).singleElement()
                .satisfies(f -> assertThat(f.entityType()).isEqualTo("ORDER_ID"));
    }
}
