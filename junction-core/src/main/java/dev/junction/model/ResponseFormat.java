package dev.junction.model;

import java.util.Optional;
import tools.jackson.databind.JsonNode;

/** The shape the model's text must take. */
public sealed interface ResponseFormat {

    /** Free text (the default). */
    record Text() implements ResponseFormat {}

    /** Any JSON object. */
    record JsonObject() implements ResponseFormat {}

    /** JSON matching a schema. */
    record JsonSchema(String name, Optional<String> description, JsonNode schema, Optional<Boolean> strict)
            implements ResponseFormat {}
}
