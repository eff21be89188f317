package dev.junction.admin;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A JSON request body read strictly: a field outside the allowed set is refused at once, and every getter refuses a
 * value of the wrong type or range with a 400 that names the field. A field that is absent and one that is
 * {@code null} read the same (empty); {@link #has} tells them apart for partial updates, where {@code null} clears.
 * Immutable.
 */
final class Fields {

    private final ObjectNode body;

    private Fields(ObjectNode body) {
        this.body = body;
    }

    /**
     * The body's fields, all of which must be in {@code allowed}.
     *
     * @throws AdminError naming the first unknown field and the allowed ones
     */
    static Fields of(JsonNode body, Set<String> allowed) {
        if (!(body instanceof ObjectNode object)) {
            throw AdminError.invalid("The request body must be a JSON object.");
        }
        for (String name : object.propertyNames()) {
            if (!allowed.contains(name)) {
                throw AdminError.invalid("Unknown field '" + name + "'; expected one of: "
                        + String.join(", ", new TreeSet<>(allowed)) + ".");
            }
        }
        return new Fields(object);
    }

    /** The union of field-name sets, for bodies that share groups of fields (the rate limits). */
    static Set<String> names(Set<String> shared, String... own) {
        Set<String> all = new java.util.HashSet<>(shared);
        all.addAll(List.of(own));
        return Set.copyOf(all);
    }

    /** The body itself, for readers of a nested group of fields. */
    JsonNode node() {
        return body;
    }

    /** Whether the field is in the body, even as {@code null}. */
    boolean has(String name) {
        return body.has(name);
    }

    /** Whether the body has no fields at all. */
    boolean isEmpty() {
        return body.isEmpty();
    }

    private Optional<JsonNode> value(String name) {
        JsonNode v = body.get(name);
        return v == null || v.isNull() ? Optional.empty() : Optional.of(v);
    }

    /** A string field; an empty or blank string is refused. */
    Optional<String> string(String name) {
        return value(name).map(v -> {
            if (!v.isString()) {
                throw wrongType(name, "a string", v);
            }
            if (v.stringValue().isBlank()) {
                throw AdminError.invalid("'" + name + "' must not be empty.");
            }
            return v.stringValue().strip();
        });
    }

    /** A string field that must be there. */
    String requiredString(String name) {
        return string(name).orElseThrow(() -> AdminError.invalid("'" + name + "' is required."));
    }

    /** A boolean field. */
    Optional<Boolean> bool(String name) {
        return value(name).map(v -> {
            if (!v.isBoolean()) {
                throw wrongType(name, "a boolean", v);
            }
            return v.booleanValue();
        });
    }

    /** A whole number of at least {@code min}. */
    OptionalLong integer(String name, long min) {
        Optional<JsonNode> v = value(name);
        if (v.isEmpty()) {
            return OptionalLong.empty();
        }
        JsonNode n = v.get();
        if (!n.isIntegralNumber() || !n.canConvertToLong()) {
            throw wrongType(name, "an integer", n);
        }
        if (n.longValue() < min) {
            throw AdminError.invalid("'" + name + "' must be at least " + min + ", got " + n.longValue() + ".");
        }
        return OptionalLong.of(n.longValue());
    }

    /** A finite number in {@code [min, max]}. */
    OptionalDouble number(String name, double min, double max) {
        Optional<JsonNode> v = value(name);
        if (v.isEmpty()) {
            return OptionalDouble.empty();
        }
        JsonNode n = v.get();
        if (!n.isNumber()) {
            throw wrongType(name, "a number", n);
        }
        double d = n.doubleValue();
        if (!Double.isFinite(d) || d < min || d > max) {
            throw AdminError.invalid("'" + name + "' must be a number from " + plain(min) + " to " + plain(max)
                    + ", got " + n + ".");
        }
        return OptionalDouble.of(d);
    }

    /** An array of non-blank strings. */
    Optional<List<String>> strings(String name) {
        return value(name).map(v -> {
            if (!v.isArray()) {
                throw wrongType(name, "an array of strings", v);
            }
            List<String> out = new ArrayList<>();
            for (int i = 0; i < v.size(); i++) {
                JsonNode item = v.get(i);
                if (!item.isString() || item.stringValue().isBlank()) {
                    throw AdminError.invalid("'" + name + "[" + i + "]' must be a non-empty string.");
                }
                out.add(item.stringValue().strip());
            }
            return List.copyOf(out);
        });
    }

    /**
     * An array of objects, each read strictly with {@code allowed} fields and turned into a value by {@code read}; a
     * bad item is refused naming its place ({@code 'budgets[1]': …}).
     */
    <T> Optional<List<T>> objects(String name, Set<String> allowed, Function<Fields, T> read) {
        return value(name).map(v -> {
            if (!v.isArray()) {
                throw wrongType(name, "an array of objects", v);
            }
            List<T> out = new ArrayList<>();
            for (int i = 0; i < v.size(); i++) {
                try {
                    out.add(read.apply(Fields.of(v.get(i), allowed)));
                } catch (AdminError e) {
                    throw AdminError.invalid("'" + name + "[" + i + "]': " + e.getMessage());
                }
            }
            return List.copyOf(out);
        });
    }

    /** An object whose values are all strings (labels). */
    Optional<Map<String, String>> labels(String name) {
        return value(name).map(v -> {
            if (!v.isObject()) {
                throw wrongType(name, "an object of strings", v);
            }
            Map<String, String> out = new LinkedHashMap<>();
            for (var entry : v.properties()) {
                if (!entry.getValue().isString()) {
                    throw AdminError.invalid("'" + name + "." + entry.getKey() + "' must be a string.");
                }
                out.put(entry.getKey(), entry.getValue().stringValue());
            }
            return Map.copyOf(out);
        });
    }

    /** An RFC 3339 time such as {@code 2030-01-31T00:00:00Z}. */
    Optional<Instant> instant(String name) {
        return string(name).map(text -> parseInstant(name, text));
    }

    /** Parses an RFC 3339 time, naming {@code name} when it is not one. */
    static Instant parseInstant(String name, String text) {
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            throw AdminError.invalid("'" + name + "' must be an RFC 3339 time such as 2030-01-31T00:00:00Z, got '"
                    + text + "'.");
        }
    }

    private static AdminError wrongType(String name, String expected, JsonNode actual) {
        String got = actual.isString() ? "a string" : actual.isNumber() ? "a number" : actual.isBoolean()
                ? "a boolean" : actual.isArray() ? "an array" : "an object";
        return AdminError.invalid("'" + name + "' must be " + expected + ", got " + got + ".");
    }

    private static String plain(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }
}
