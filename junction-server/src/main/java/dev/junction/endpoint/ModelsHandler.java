package dev.junction.endpoint;

import dev.junction.json.Json;
import dev.junction.model.GatewayError;
import dev.junction.pipeline.Chain;
import dev.junction.pipeline.ClientDialect;
import dev.junction.pipeline.Exchange;
import dev.junction.pipeline.Reply;
import io.vertx.core.Future;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The public model names, listed and looked up in the caller's dialect: OpenAI's {@code GET /v1/models}, Anthropic's
 * (the same path, when the caller sends {@code anthropic-version}) and Gemini's {@code GET /v1beta/models}.
 */
public final class ModelsHandler {

    private final long created = System.currentTimeMillis() / 1000;

    /** Lists every public model name the caller's key may use. */
    public Future<Reply> list(Exchange exchange, Chain chain) {
        exchange.record().operation("models");
        ClientDialect dialect = exchange.dialect();
        var grant = exchange.caller().flatMap(c -> c.grant());
        Optional<String> tenant = grant.map(g -> g.tenant().id());
        List<String> names = exchange.runtime().governance().snapshot().visibleModels(
                exchange.runtime().resolver().publicModels(), tenant).stream()
                .filter(name -> grant.map(g -> g.allowsModel(name)).orElse(true)).toList();
        ObjectNode body = Json.object();
        switch (dialect) {
            case OPENAI, RESPONSES -> {
                ArrayNode data = body.put("object", "list").putArray("data");
                names.forEach(name -> data.add(openAi(name)));
            }
            case ANTHROPIC -> {
                ArrayNode data = body.putArray("data");
                names.forEach(name -> data.add(anthropic(name)));
                body.put("has_more", false);
                if (names.isEmpty()) {
                    body.putNull("first_id").putNull("last_id");
                } else {
                    body.put("first_id", names.getFirst()).put("last_id", names.getLast());
                }
            }
            case GEMINI -> {
                ArrayNode models = body.putArray("models");
                names.forEach(name -> models.add(gemini(name)));
            }
        }
        return Future.succeededFuture(new Reply.Json(body));
    }

    /** One model, or a 404 in the caller's dialect. */
    public Future<Reply> get(Exchange exchange, Chain chain) {
        exchange.record().operation("models");
        String id = exchange.pathParam("model").orElse("");
        ClientDialect dialect = exchange.dialect();
        if (dialect == ClientDialect.GEMINI && id.startsWith("models/")) {
            id = id.substring("models/".length());
        }
        var rt = exchange.runtime();
        Optional<String> tenant = exchange.caller().flatMap(c -> c.grant()).map(g -> g.tenant().id());
        var snapshot = rt.governance().snapshot();
        List<String> known = snapshot.visibleModels(rt.resolver().publicModels(), tenant);
        if (!snapshot.visibleModel(id, tenant) || !known.contains(id) && rt.resolver().resolve(id).isEmpty()) {
            return Future.succeededFuture(new Reply.Refused(new GatewayError.ModelNotFound(id, known)));
        }
        return Future.succeededFuture(new Reply.Json(switch (dialect) {
            case OPENAI, RESPONSES -> openAi(id);
            case ANTHROPIC -> anthropic(id);
            case GEMINI -> gemini(id);
        }));
    }

    private ObjectNode openAi(String name) {
        int slash = name.indexOf('/');
        return Json.object().put("id", name).put("object", "model").put("created", created)
                .put("owned_by", slash > 0 ? name.substring(0, slash) : "junction");
    }

    private ObjectNode anthropic(String name) {
        return Json.object().put("type", "model").put("id", name).put("display_name", name)
                .put("created_at", Instant.ofEpochSecond(created).toString());
    }

    private static ObjectNode gemini(String name) {
        ObjectNode model = Json.object().put("name", "models/" + name).put("displayName", name);
        model.putArray("supportedGenerationMethods").add("generateContent").add("streamGenerateContent")
                .add("countTokens");
        return model;
    }

}
