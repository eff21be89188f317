package dev.junction.testkit;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * OpenAI's Chat Completions wire format, and the fallback for every path no other wire claims.
 *
 * <ul>
 *   <li>{@code POST /v1/chat/completions}: validated like OpenAI does (malformed JSON, missing model or
 *       messages give a 400 without consuming a behaviour), then answered by the behaviour.
 *   <li>{@code POST /v1/embeddings}: deterministic vectors, see {@link OpenAiEmbeddings}; consumes a behaviour.
 *   <li>{@code GET /v1/models}: one model, {@code mock-model}.
 *   <li>anything else: 404 {@code Invalid URL (METHOD /path)} in OpenAI's error shape.
 * </ul>
 */
final class OpenAiWire implements Wire {

    private static final Buffer MODELS_BODY = Buffer.buffer(
            "{\"object\":\"list\",\"data\":[{\"id\":\"mock-model\",\"object\":\"model\",\"created\":1700000000,"
                    + "\"owned_by\":\"mock\"}]}");

    private final Responder responder;

    OpenAiWire(Responder responder) {
        this.responder = responder;
    }

    @Override
    public WireHeaders headers() {
        return WireHeaders.OPENAI;
    }

    @Override
    public void serve(HttpServerRequest request, io.vertx.core.buffer.Buffer body, JsonNode json, Exchange exchange) {
        String path = request.path();
        if (request.method() == HttpMethod.POST && path.startsWith("/v1/images/")) {
            images(request, path.substring("/v1/images/".length()), body, json, exchange);
        } else {
            serve(request, json, exchange);
        }
    }

    /** Serves the Images API (also on Azure's paths, see {@link AzureWire}), see {@link OpenAiImages}. */
    void images(HttpServerRequest request, String task, io.vertx.core.buffer.Buffer body, JsonNode json,
                        Exchange exchange) {
        if (!java.util.Set.of("generations", "edits", "variations").contains(task)) {
            sendError(exchange, OpenAiError.invalidUrl(request.method().name(), request.path()));
            return;
        }
        OpenAiImages format = task.equals("generations")
                ? new OpenAiImages(task, json.isObject() ? OpenAiImages.fields(json) : Map.of(), Optional.empty())
                : OpenAiImages.ofForm(task, MultipartParts.parse(request.getHeader("content-type"), body));
        Optional<OpenAiError> invalid = OpenAiImages.validate(task, format.fields(),
                format.files().filter(f -> !f.isEmpty()).isPresent());
        if (invalid.isPresent()) {
            sendError(exchange, invalid.get());
            return;
        }
        responder.answer(exchange, format, format.fields().getOrDefault("prompt", ""));
    }

    @Override
    public void serve(HttpServerRequest request, JsonNode json, Exchange exchange) {
        String path = request.path();
        if (request.method() == HttpMethod.POST && path.equals("/v1/chat/completions")) {
            chatCompletion(exchange, json, format -> format);
        } else if (request.method() == HttpMethod.POST && path.equals("/v1/embeddings")) {
            embeddings(exchange, json);
        } else if (request.method() == HttpMethod.GET && path.equals("/v1/models")) {
            exchange.respond(200, Exchange.APPLICATION_JSON, Map.of(), MODELS_BODY.copy());
        } else {
            sendError(exchange, OpenAiError.invalidUrl(request.method().name(), path));
        }
    }

    /** Serves an embeddings request (also on Azure's paths, see {@link AzureWire}). */
    void embeddings(Exchange exchange, JsonNode json) {
        Optional<OpenAiError> invalid = OpenAiEmbeddings.validate(json);
        if (invalid.isPresent()) {
            sendError(exchange, invalid.get());
        } else {
            responder.answer(exchange, OpenAiEmbeddings.of(json), "");
        }
    }

    /**
     * Serves a chat completion (also on Azure's paths), its answer rendered by OpenAI's format as {@code host}
     * adapts it.
     */
    void chatCompletion(Exchange exchange, JsonNode json, java.util.function.UnaryOperator<AnswerFormat> host) {
        Optional<OpenAiError> invalid = ChatRequest.validate(json);
        if (invalid.isPresent()) {
            sendError(exchange, invalid.get());
            return;
        }
        ChatRequest request = ChatRequest.of(json);
        responder.answer(exchange, host.apply(new Format(request, "chatcmpl-mock" + exchange.sequence())),
                request.lastUserText());
    }

    static void sendError(Exchange exchange, OpenAiError error) {
        exchange.respond(error.status(), Exchange.APPLICATION_JSON, Map.of(), Buffer.buffer(error.toJson()));
    }

    /** Renders answers as {@code chat.completion} bodies and chunk streams, see {@link CompletionJson}. */
    private record Format(ChatRequest request, String id) implements AnswerFormat {

        @Override
        public boolean streams() {
            return request.stream();
        }

        @Override
        public CharSequence jsonContentType() {
            return Exchange.APPLICATION_JSON;
        }

        @Override
        public CharSequence streamContentType() {
            return Exchange.EVENT_STREAM;
        }

        @Override
        public Buffer body(Answer answer) {
            return Buffer.buffer(json(answer).body());
        }

        @Override
        public List<Buffer> events(Answer answer) {
            return json(answer).events();
        }

        @Override
        public Buffer streamError(int position) {
            return CompletionJson.errorEvent();
        }

        @Override
        public Buffer errorBody(int status, Map<String, String> behaviorHeaders) {
            return Buffer.buffer(OpenAiError.forStatus(status, request.model()).toJson());
        }

        @Override
        public Buffer mockFailure(String message) {
            return Buffer.buffer(OpenAiError.mockFailure(message).toJson());
        }

        private CompletionJson json(Answer answer) {
            return new CompletionJson(id, System.currentTimeMillis() / 1000, request, answer.completion(),
                    answer.thoughtTokens());
        }
    }
}
