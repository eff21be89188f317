package dev.junction.admin;

import dev.junction.routing.OperationKind;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.node.ObjectNode;

/**
 * The {@code disabled_capabilities} field of tenants and keys in the admin API's JSON, both ways: a list of operation
 * wire names ({@code images}, {@code rerank}, {@code audio_speech}, …; {@code audio} stands for both audio
 * operations), rendered sorted. Stateless.
 */
final class CapabilitiesJson {

    /** The field's name. */
    static final String FIELD = "disabled_capabilities";

    private CapabilitiesJson() {}

    /** Adds the operations as the field, sorted by wire name. */
    static void write(ObjectNode node, Set<OperationKind> disabled) {
        StringsJson.list(node, FIELD, disabled.stream().map(OperationKind::wireName).sorted().toList());
    }

    /**
     * The body's disabled operations, or {@code current} when the body does not send the field.
     *
     * @throws AdminError naming an unknown capability
     */
    static Set<OperationKind> read(Fields f, Set<OperationKind> current) {
        if (!f.has(FIELD)) {
            return current;
        }
        EnumSet<OperationKind> kinds = EnumSet.noneOf(OperationKind.class);
        for (String name : f.strings(FIELD).orElse(List.of())) {
            Set<OperationKind> named = OperationKind.ofCapability(name);
            if (named.isEmpty()) {
                throw AdminError.invalid("'" + FIELD + "' has an unknown capability '" + name + "'; expected some of: "
                        + OperationKind.capabilityNames() + ".");
            }
            kinds.addAll(named);
        }
        return kinds;
    }
}
