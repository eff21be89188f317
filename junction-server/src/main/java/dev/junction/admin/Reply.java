package dev.junction.admin;

import dev.junction.json.Json;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A successful admin answer: a status and a JSON body (none for 204). Immutable.
 *
 * @param status the HTTP status
 * @param body the JSON body, empty for 204
 */
record Reply(int status, Optional<JsonNode> body) {

    /** 200 with a body. */
    static Reply ok(JsonNode body) {
        return new Reply(200, Optional.of(body));
    }

    /** 200 with {@code {"data": [...]}}, each item rendered. */
    static <T> Reply list(List<T> items, Function<T, ? extends JsonNode> render) {
        ObjectNode body = Json.object();
        ArrayNode data = body.putArray("data");
        items.forEach(item -> data.add(render.apply(item)));
        return ok(body);
    }

    /** 201 with the created thing. */
    static Reply created(JsonNode body) {
        return new Reply(201, Optional.of(body));
    }

    /** 204, nothing to say. */
    static Reply noContent() {
        return new Reply(204, Optional.empty());
    }
}
