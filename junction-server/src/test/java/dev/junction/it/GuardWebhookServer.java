package dev.junction.it;

import dev.junction.json.Json;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;

/**
 * A guardrail webhook for tests, a real Vert.x HTTP server on a random port: {@code POST /check} answers with what
 * {@link #answer} makes of the request's JSON, {@code POST /slow} never answers, {@code POST /broken} answers 200 with
 * a body outside the protocol. Keeps every request it got (body and authorization header).
 */
final class GuardWebhookServer implements AutoCloseable {

    /** A request the webhook got. */
    record Call(JsonNode body, String authorization) {
    }

    private final Vertx vertx = Vertx.vertx();
    private final HttpServer server;
    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private volatile Function<JsonNode, String> answer = body -> "{\"action\":\"allow\"}";

    private GuardWebhookServer() throws Exception {
        server = vertx.createHttpServer().requestHandler(request -> request.body().onSuccess(bytes -> {
            JsonNode body = Json.tryParse(bytes.getBytes()).orElse(Json.object());
            calls.add(new Call(body, request.getHeader("authorization")));
            switch (request.path()) {
                case "/check" -> request.response().putHeader("content-type", "application/json")
                        .end(answer.apply(body));
                case "/broken" -> request.response().end("{\"verdict\":\"fine\"}");
                default -> { } // /slow: never answers
            }
        })).listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    static GuardWebhookServer start() {
        try {
            return new GuardWebhookServer();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.actualPort() + path;
    }

    /** How {@code /check} answers from now on. */
    void answer(Function<JsonNode, String> how) {
        answer = how;
    }

    List<Call> calls() {
        return calls;
    }

    void reset() {
        calls.clear();
        answer = body -> "{\"action\":\"allow\"}";
    }

    @Override
    public void close() {
        vertx.close();
    }
}
