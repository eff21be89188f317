package dev.junction.endpoint.openai;

import dev.junction.json.Json;
import dev.junction.model.GatewayError;
import dev.junction.server.GatewayRuntime;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.function.Supplier;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** {@code GET /v1/models} and {@code GET /v1/models/{id}} in OpenAI's list shape. */
public final class ModelsHandler {

    private final Supplier<GatewayRuntime> runtime;
    private final long created = System.currentTimeMillis() / 1000;

    public ModelsHandler(Supplier<GatewayRuntime> runtime) {
        this.runtime = runtime;
    }

    /** Lists every public model name. */
    public void list(RoutingContext ctx) {
        ObjectNode body = Json.object().put("object", "list");
        ArrayNode data = body.putArray("data");
        for (String name : runtime.get().resolver().publicModels()) {
            data.add(model(name));
        }
        send(ctx, body);
    }

    /** One model, or a 404 in OpenAI's shape. */
    public void get(RoutingContext ctx) {
        String id = ctx.pathParam("model");
        var rt = runtime.get();
        List<String> known = rt.resolver().publicModels();
        if (!known.contains(id) && rt.resolver().resolve(id).isEmpty()) {
            ErrorReplies.send(ctx.response(), new GatewayError.ModelNotFound(id, known));
            return;
        }
        send(ctx, model(id));
    }

    private ObjectNode model(String name) {
        int slash = name.indexOf('/');
        return Json.object().put("id", name).put("object", "model").put("created", created)
                .put("owned_by", slash > 0 ? name.substring(0, slash) : "junction");
    }

    private static void send(RoutingContext ctx, ObjectNode body) {
        ctx.response().putHeader("content-type", "application/json").end(Buffer.buffer(Json.bytes(body)));
    }
}
