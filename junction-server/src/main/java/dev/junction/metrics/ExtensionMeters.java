package dev.junction.metrics;

import dev.junction.events.ExtensionFailed;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.function.Consumer;

/**
 * {@code junction_extension_failures_total{extension, hook, reason, failure_mode}} (reason {@code timeout} or
 * {@code error}) and {@code junction_extension_disabled_total{extension}}: extensions' failed hook calls and the times
 * an extension was disabled for failing repeatedly. Extension names come from the configuration, bounded anyway.
 */
final class ExtensionMeters implements Consumer<ExtensionFailed> {

    private record Labels(String extension, String hook, String reason, String failureMode) {
    }

    private final BoundedLabel names = new BoundedLabel(50);
    private final MeterCache<Labels, Counter> failures;
    private final MeterCache<String, Counter> disabled;

    ExtensionMeters(MeterRegistry registry) {
        this.failures = new MeterCache<>(l -> Counter.builder("junction_extension_failures")
                .description("Extension hook calls that threw or overran their timeout")
                .tags("extension", l.extension(), "hook", l.hook(), "reason", l.reason(),
                        "failure_mode", l.failureMode())
                .register(registry));
        this.disabled = new MeterCache<>(name -> Counter.builder("junction_extension_disabled")
                .description("Times an extension was disabled after repeated failures")
                .tags("extension", name).register(registry));
    }

    @Override
    public void accept(ExtensionFailed event) {
        String name = names.of(event.extension());
        failures.get(new Labels(name, event.hook(), event.reason(), event.failureMode())).increment();
        if (event.disabled()) {
            disabled.get(name).increment();
        }
    }
}
