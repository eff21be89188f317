package dev.junction.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import tools.jackson.databind.JsonNode;

/** Typed reads of configuration nodes that record a problem instead of throwing, so all problems surface at once. */
final class Problems {

    private final List<String> list = new ArrayList<>();

    void add(String problem) {
        list.add(problem);
    }

    List<String> list() {
        return list;
    }

    boolean isEmpty() {
        return list.isEmpty();
    }

    /** Records every key of {@code node} that is not in {@code allowed}. */
    void onlyKeys(JsonNode node, String path, Set<String> allowed) {
        if (node == null || !node.isObject()) {
            return;
        }
        for (String key : node.propertyNames()) {
            if (!allowed.contains(key)) {
                add(prefix(path) + key + ": unknown key (expected one of " + String.join(", ", new TreeSet<>(allowed))
                        + ")");
            }
        }
    }

    boolean isMapping(JsonNode node, String path) {
        if (node == null || node.isNull()) {
            return false;
        }
        if (!node.isObject()) {
            add(path + ": expected a mapping");
            return false;
        }
        return true;
    }

    Optional<String> string(JsonNode parent, String field, String path) {
        JsonNode v = parent.get(field);
        if (v == null || v.isNull()) {
            return Optional.empty();
        }
        if (!v.isString() && !v.isNumber() && !v.isBoolean()) {
            add(prefix(path) + field + ": expected a string");
            return Optional.empty();
        }
        return Optional.of(v.asString());
    }

    Optional<String> requiredString(JsonNode parent, String field, String path) {
        Optional<String> v = string(parent, field, path);
        if (v.isEmpty() && (parent.get(field) == null || parent.get(field).isNull())) {
            add(prefix(path) + field + ": required");
        } else if (v.isPresent() && v.get().isBlank()) {
            add(prefix(path) + field + ": must not be empty");
            return Optional.empty();
        }
        return v;
    }

    Optional<Integer> integer(JsonNode parent, String field, String path, int min, int max) {
        Optional<String> text = string(parent, field, path);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        try {
            int value = Integer.parseInt(text.get().strip());
            if (value < min || value > max) {
                add(prefix(path) + field + ": must be between " + min + " and " + max + ", got " + value);
                return Optional.empty();
            }
            return Optional.of(value);
        } catch (NumberFormatException e) {
            add(prefix(path) + field + ": expected an integer, got '" + text.get() + "'");
            return Optional.empty();
        }
    }

    Optional<Double> number(JsonNode parent, String field, String path, double min, double max) {
        Optional<String> text = string(parent, field, path);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        try {
            double value = Double.parseDouble(text.get().strip());
            if (!(value >= min && value <= max)) {
                add(prefix(path) + field + ": must be between " + min + " and " + max + ", got " + text.get());
                return Optional.empty();
            }
            return Optional.of(value);
        } catch (NumberFormatException e) {
            add(prefix(path) + field + ": expected a number, got '" + text.get() + "'");
            return Optional.empty();
        }
    }

    /** A list of integers, each between {@code min} and {@code max}; bad entries are problems and left out. */
    List<Integer> integers(JsonNode parent, String field, String path, int min, int max) {
        JsonNode v = parent.get(field);
        if (v == null || v.isNull()) {
            return List.of();
        }
        if (!v.isArray()) {
            add(prefix(path) + field + ": expected a list of integers");
            return List.of();
        }
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < v.size(); i++) {
            String text = v.get(i).asString().strip();
            Optional<Integer> n = text.matches("-?\\d{1,9}") ? Optional.of(Integer.parseInt(text))
                    : Optional.empty();
            if (n.isEmpty() || n.get() < min || n.get() > max) {
                add(prefix(path) + field + "[" + i + "]: expected an integer between " + min + " and " + max
                        + ", got '" + text + "'");
            } else {
                out.add(n.get());
            }
        }
        return out;
    }

    Optional<Duration> duration(JsonNode parent, String field, String path) {
        return string(parent, field, path).flatMap(text -> {
            Optional<Duration> d = Units.duration(text);
            if (d.isEmpty() || d.get().isZero()) {
                add(prefix(path) + field + ": expected a positive duration with a unit (500ms, 30s, 2m, 1h), got '"
                        + text + "'");
            }
            return d;
        });
    }

    Optional<Long> size(JsonNode parent, String field, String path) {
        return string(parent, field, path).flatMap(text -> {
            Optional<Long> s = Units.size(text);
            if (s.isEmpty() || s.get() <= 0) {
                add(prefix(path) + field + ": expected a positive size (1048576, 512KB, 10MB), got '" + text + "'");
            }
            return s;
        });
    }

    Optional<Boolean> bool(JsonNode parent, String field, String path) {
        return string(parent, field, path).flatMap(text -> switch (text) {
            case "true" -> Optional.of(true);
            case "false" -> Optional.of(false);
            default -> {
                add(prefix(path) + field + ": expected true or false, got '" + text + "'");
                yield Optional.empty();
            }
        });
    }

    List<String> strings(JsonNode parent, String field, String path) {
        JsonNode v = parent.get(field);
        if (v == null || v.isNull()) {
            return List.of();
        }
        if (!v.isArray()) {
            add(prefix(path) + field + ": expected a list");
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (JsonNode n : v) {
            if (n.isString()) {
                out.add(n.stringValue());
            } else {
                add(prefix(path) + field + ": expected a list of strings");
            }
        }
        return out;
    }

    static String prefix(String path) {
        return path.isEmpty() ? "" : path + ".";
    }
}
