package dev.junction.config;

import java.util.Objects;

/**
 * A route configured through the admin API rather than the YAML file. Immutable.
 *
 * @param name the route's name (the public model it serves), unique
 * @param definitionJson its definition as in the YAML, as JSON
 */
public record StoredRoute(String name, String definitionJson) {

    /** Checks that nothing is missing. */
    public StoredRoute {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(definitionJson, "definitionJson");
    }
}
