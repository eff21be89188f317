package dev.junction.it.plugins;

import dev.junction.guard.Detector;
import dev.junction.guard.DetectorProvider;
import dev.junction.guard.ListDetector;
import java.util.List;

/** A detector a jar on the class path adds, usable by name in policies: order numbers such as {@code ORD-123456}. */
public final class OrderIdDetectorProvider implements DetectorProvider {

    @Override
    public String name() {
        return "test-order-ids";
    }

    @Override
    public Detector create(String phoneRegion) {
        return ListDetector.regex(name(), "ORDER_ID", List.of("ORD-\\d{6}"));
    }
}
