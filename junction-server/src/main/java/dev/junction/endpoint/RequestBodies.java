package dev.junction.endpoint;

import dev.junction.json.Json;
import io.vertx.ext.web.RoutingContext;
import tools.jackson.databind.node.ObjectNode;

/** Reads request bodies that the route's body handler has collected. */
public final class RequestBodies {

    private RequestBodies() {}

    /** The body as a JSON object; throws a {@code GatewayException} (400) when it is missing or not an object. */
    public static ObjectNode json(RoutingContext ctx) {
        var buffer = ctx.body().buffer();
        return Json.parseObject(buffer == null ? new byte[0] : buffer.getBytes());
    }
}
