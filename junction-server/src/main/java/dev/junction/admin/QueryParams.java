package dev.junction.admin;

import io.vertx.core.MultiMap;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The query parameters of an admin request, read strictly like {@link Fields}: a parameter outside the allowed set,
 * or given twice, is refused (a typo such as {@code ?user=} must not silently return everything). Immutable.
 */
final class QueryParams {

    private final MultiMap params;

    private QueryParams(MultiMap params) {
        this.params = params;
    }

    /**
     * The parameters, all of which must be in {@code allowed}.
     *
     * @throws AdminError naming the first unknown or repeated parameter
     */
    static QueryParams of(MultiMap params, Set<String> allowed) {
        for (String name : params.names()) {
            if (!allowed.contains(name)) {
                throw AdminError.invalid(allowed.isEmpty() ? "This endpoint takes no query parameters, got '"
                        + name + "'." : "Unknown query parameter '" + name + "'; expected one of: "
                        + String.join(", ", new TreeSet<>(allowed)) + ".");
            }
            if (params.getAll(name).size() > 1) {
                throw AdminError.invalid("Query parameter '" + name + "' is given more than once.");
            }
        }
        return new QueryParams(params);
    }

    /** A parameter's value; an empty value counts as absent. */
    Optional<String> string(String name) {
        return Optional.ofNullable(params.get(name)).map(String::strip).filter(s -> !s.isEmpty());
    }

    /** An RFC 3339 time. */
    Optional<Instant> instant(String name) {
        return string(name).map(text -> Fields.parseInstant(name, text));
    }

    /** A whole number. */
    Optional<Integer> integer(String name) {
        return string(name).map(text -> {
            try {
                return Integer.parseInt(text);
            } catch (NumberFormatException e) {
                throw AdminError.invalid("'" + name + "' must be an integer, got '" + text + "'.");
            }
        });
    }

    /** A whole number that may exceed an {@code int} (a sequence number). */
    Optional<Long> longInteger(String name) {
        return string(name).map(text -> {
            try {
                return Long.parseLong(text);
            } catch (NumberFormatException e) {
                throw AdminError.invalid("'" + name + "' must be an integer, got '" + text + "'.");
            }
        });
    }

    /** {@code true} or {@code false}; a parameter given without a value ({@code ?dry_run}) is true. */
    Optional<Boolean> bool(String name) {
        String raw = params.get(name);
        if (raw == null) {
            return Optional.empty();
        }
        return switch (raw.strip()) {
            case "", "true" -> Optional.of(true);
            case "false" -> Optional.of(false);
            default -> throw AdminError.invalid("'" + name + "' must be true or false, got '" + raw + "'.");
        };
    }

    /** A page size: {@code fallback} when absent, else 1 to {@code max}. */
    int limit(int fallback, int max) {
        int limit = integer("limit").orElse(fallback);
        if (limit < 1 || limit > max) {
            throw AdminError.invalid("'limit' must be 1 to " + max + ", got " + limit + ".");
        }
        return limit;
    }

    /** One of {@code values}, by its exact name. */
    Optional<String> oneOf(String name, List<String> values) {
        return string(name).map(v -> {
            if (!values.contains(v)) {
                throw AdminError.invalid("'" + name + "' must be one of " + String.join(", ", values) + ", got '"
                        + v + "'.");
            }
            return v;
        });
    }
}
