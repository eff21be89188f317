package dev.junction.model;

import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.node.ObjectNode;

/**
 * Fields of one dialect that have no common meaning (OpenAI's {@code service_tier}, {@code store}, …), kept so they
 * reach an upstream of the same dialect unchanged and are deliberately dropped elsewhere.
 *
 * <p>The nodes are owned by this object; callers must not mutate what {@link #get} returns.
 */
public record Extensions(Map<Dialect, ObjectNode> byDialect) {

    private static final Extensions NONE = new Extensions(Map.of());

    public Extensions {
        byDialect = byDialect.isEmpty() ? Map.of() : Map.copyOf(new EnumMap<>(byDialect));
    }

    /** No extension fields. */
    public static Extensions none() {
        return NONE;
    }

    /** Extension fields of a single dialect, or {@link #none()} when {@code fields} is empty. */
    public static Extensions of(Dialect dialect, ObjectNode fields) {
        return fields.isEmpty() ? NONE : new Extensions(Map.of(dialect, fields));
    }

    /** The fields of this dialect, if any. */
    public Optional<ObjectNode> get(Dialect dialect) {
        return Optional.ofNullable(byDialect.get(dialect));
    }
}
