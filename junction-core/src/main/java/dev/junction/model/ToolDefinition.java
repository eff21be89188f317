package dev.junction.model;

import java.util.Optional;
import tools.jackson.databind.JsonNode;

/** A function the model may call. {@code parameters} is a JSON Schema object. */
public record ToolDefinition(String name, Optional<String> description, JsonNode parameters, Optional<Boolean> strict) {}
