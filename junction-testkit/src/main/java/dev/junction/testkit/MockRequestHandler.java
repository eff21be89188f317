package dev.junction.testkit;

import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.MissingNode;

/**
 * Routes requests to the mock's OpenAI endpoints and answers chat completions with the next
 * {@link Behavior}. Runs on an event loop and never blocks: delays are timers, files are read async.
 *
 * <ul>
 *   <li>{@code POST /v1/chat/completions}: validated like OpenAI does (malformed JSON, missing model or
 *       messages give a 400 without consuming a behaviour), then answered by the behaviour.
 *   <li>{@code GET /v1/models}: one model, {@code mock-model}.
 *   <li>anything else: 404 {@code Invalid URL (METHOD /path)} in OpenAI's error shape.
 * </ul>
 */
final class MockRequestHandler implements Handler<HttpServerRequest> {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String ECHO_PREFIX = "Hello from mock upstream: ";
    private static final Buffer MODELS_BODY = Buffer.buffer(
            "{\"object\":\"list\",\"data\":[{\"id\":\"mock-model\",\"object\":\"model\",\"created\":1700000000,"
                    + "\"owned_by\":\"mock\"}]}");

    private final Vertx vertx;
    private final MockState state;

    MockRequestHandler(Vertx vertx, MockState state) {
        this.vertx = vertx;
        this.state = state;
    }

    @Override
    public void handle(HttpServerRequest request) {
        long arrivalNanos = System.nanoTime();
        long sequence = state.arrive();
        Exchange exchange = new Exchange(vertx, request, state, sequence, arrivalNanos);
        request.body()
                .onSuccess(body -> dispatch(request, exchange, body))
                .onFailure(_ -> exchange.cut());
    }

    private void dispatch(HttpServerRequest request, Exchange exchange, Buffer body) {
        JsonNode json = parse(body);
        if (state.recordsRequests()) {
            state.record(new RecordedRequest(
                    request.method().name(), request.uri(), headersOf(request), body.toString(), json));
        }
        String path = request.path();
        if (request.method() == HttpMethod.POST && path.equals("/v1/chat/completions")) {
            chatCompletion(exchange, json);
        } else if (request.method() == HttpMethod.GET && path.equals("/v1/models")) {
            exchange.respond(200, Exchange.APPLICATION_JSON, Map.of(), MODELS_BODY.copy());
        } else {
            sendError(exchange, OpenAiError.invalidUrl(request.method().name(), path));
        }
    }

    private void chatCompletion(Exchange exchange, JsonNode json) {
        Optional<OpenAiError> invalid = ChatRequest.validate(json);
        if (invalid.isPresent()) {
            sendError(exchange, invalid.get());
            return;
        }
        ChatRequest request = ChatRequest.of(json);
        Behavior behavior = state.nextBehavior();
        exchange.later(behavior.latency(), () -> reply(exchange, request, behavior));
    }

    private void reply(Exchange exchange, ChatRequest request, Behavior behavior) {
        switch (behavior.reply()) {
            case Reply.Echo() -> complete(exchange, request, behavior,
                    new Completion.Text(ECHO_PREFIX + request.lastUserText()));
            case Reply.Text(String text) -> complete(exchange, request, behavior, new Completion.Text(text));
            case Reply.ToolCalls(List<ToolCall> calls) -> complete(exchange, request, behavior,
                    new Completion.ToolCalls(calls));
            case Reply.Status(int status, Optional<String> body) -> {
                String json = body.orElseGet(() -> OpenAiError.forStatus(status, request.model()).toJson());
                exchange.respond(status, Exchange.APPLICATION_JSON, behavior.headers(), Buffer.buffer(json));
            }
            case Reply.Fixture fixture -> serveFixture(exchange, fixture, behavior);
            case Reply.Hang() -> { } // the exchange notices when the client gives up
        }
    }

    private static void complete(Exchange exchange, ChatRequest request, Behavior behavior, Completion completion) {
        var json = new CompletionJson("chatcmpl-mock" + exchange.sequence(), System.currentTimeMillis() / 1000,
                request, completion);
        if (request.stream()) {
            new EventStreamWriter(exchange, json.events(), behavior).start(200, Exchange.EVENT_STREAM);
        } else {
            exchange.respond(200, Exchange.APPLICATION_JSON, behavior.headers(), Buffer.buffer(json.body()));
        }
    }

    private void serveFixture(Exchange exchange, Reply.Fixture fixture, Behavior behavior) {
        vertx.fileSystem().readFile(fixture.path().toString()).onComplete(
                content -> {
                    if (fixture.isEventStream()) {
                        new EventStreamWriter(exchange, EventStreamWriter.splitEvents(content), behavior)
                                .start(fixture.status(), fixture.contentType());
                    } else {
                        exchange.respond(fixture.status(), fixture.contentType(), behavior.headers(), content);
                    }
                },
                failure -> sendError(exchange, OpenAiError.unreadableFixture(fixture.path(), failure)));
    }

    private static void sendError(Exchange exchange, OpenAiError error) {
        exchange.respond(error.status(), Exchange.APPLICATION_JSON, Map.of(), Buffer.buffer(error.toJson()));
    }

    private static JsonNode parse(Buffer body) {
        if (body.length() == 0) {
            return MissingNode.getInstance();
        }
        try {
            return JSON.readTree(body.getBytes());
        } catch (JacksonException notJson) {
            return MissingNode.getInstance();
        }
    }

    private static Map<String, List<String>> headersOf(HttpServerRequest request) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (Map.Entry<String, String> header : request.headers()) {
            headers.computeIfAbsent(header.getKey(), _ -> new ArrayList<>()).add(header.getValue());
        }
        return headers;
    }
}
