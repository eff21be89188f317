package dev.junction.admin;

import dev.junction.config.ConfigLayers.Source;
import dev.junction.config.GatewayConfig;
import dev.junction.json.Json;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The answers of {@link StoredConfigResource}: JSON bodies, and errors in the admin API's shape
 * {@code {"error": {"type", "message"}}} (an invalid definition adds {@code error.problems}). Each method that answers
 * ends the response; those returning a boolean return whether they did. Event-loop only.
 */
final class StoredConfigReplies {

    private StoredConfigReplies() {}

    /** The body as a JSON object, or empty after answering 400. */
    static Optional<ObjectNode> bodyObject(RoutingContext ctx) {
        Optional<JsonNode> parsed = ctx.body().buffer() == null ? Optional.empty()
                : Json.tryParse(ctx.body().asString());
        if (parsed.isEmpty() || !(parsed.get() instanceof ObjectNode object)) {
            error(ctx, 400, "invalid_request", "The body must be a JSON object: the definition (and, for a "
                    + "provider, an optional api_key).");
            return Optional.empty();
        }
        return Optional.of(object);
    }

    /** Answers 409 when a layer other than the store declares the path's name: the file, the environment, built in. */
    static boolean declaredElsewhere(RoutingContext ctx, Optional<Source> source) {
        if (source.isEmpty() || source.get() == Source.STORE) {
            return false;
        }
        String message = switch (source.get()) {
            case FILE -> "declared in the configuration file; edit the file";
            case ENV -> "enabled by the environment; change the environment variables";
            default -> "built into the gateway; it cannot be changed";
        };
        error(ctx, 409, "conflict", "'" + ctx.pathParam("name") + "' is " + message + ".");
        return true;
    }

    /** Answers 400 listing the problems when a trial merge left the entity at {@code path} out. */
    static boolean invalid(RoutingContext ctx, GatewayConfig merged, String path) {
        List<String> problems = merged.layers().skipped().get(path);
        if (problems == null) {
            return false;
        }
        ObjectNode body = Json.object();
        ObjectNode error = body.putObject("error").put("type", "invalid_definition")
                .put("message", "The definition is invalid: " + String.join("; ", problems));
        problems.forEach(error.putArray("problems")::add);
        send(ctx, 400, body);
        return true;
    }

    /** The view, or 404 naming the entity. */
    static void view(RoutingContext ctx, String entity, int status, Optional<ObjectNode> view) {
        view.ifPresentOrElse(v -> send(ctx, status, v), () -> error(ctx, 404, "not_found",
                "No " + entity + " named '" + ctx.pathParam("name") + "'."));
    }

    static void error(RoutingContext ctx, int status, String type, String message) {
        ObjectNode body = Json.object();
        body.putObject("error").put("type", type).put("message", message);
        send(ctx, status, body);
    }

    static void send(RoutingContext ctx, int status, ObjectNode body) {
        ctx.response().setStatusCode(status).putHeader("content-type", "application/json")
                .end(Buffer.buffer(Json.bytes(body)));
    }
}
