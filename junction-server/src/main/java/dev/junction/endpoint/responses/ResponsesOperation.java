package dev.junction.endpoint.responses;

import dev.junction.conversation.StoredResponse;
import dev.junction.dialect.responses.ReasoningSeal;
import dev.junction.dialect.responses.ResponsesEcho;
import dev.junction.dialect.responses.ResponsesOptions;
import dev.junction.dialect.responses.ResponsesRequestMapper;
import dev.junction.dialect.responses.ResponsesResponseMapper;
import dev.junction.dialect.responses.ResponsesStreamEncoder;
import dev.junction.endpoint.ChatOperation;
import dev.junction.endpoint.ChatRendering;
import dev.junction.endpoint.StreamFormat;
import dev.junction.json.Json;
import dev.junction.model.ChatRequest;
import dev.junction.model.ChatResponse;
import dev.junction.model.Dialect;
import dev.junction.pipeline.ClientDialect;
import dev.junction.pipeline.Exchange;
import dev.junction.pipeline.CacheableOperation;
import dev.junction.pipeline.Reply;
import dev.junction.routing.RequestFacts;
import dev.junction.routing.Route;
import dev.junction.routing.Routed;
import dev.junction.upstream.ClientRequest;
import io.vertx.core.Future;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A Responses API turn: a chat turn whose answer carries the gateway's own {@code resp_…} id and, when the client
 * stores it, is filed (with the conversation that led to it) before its last byte leaves, so that the client's next
 * turn finds it on any replica. A stored answer is always rendered by the gateway; one the client does not store
 * may take the fast path to a Responses upstream. Immutable: {@link #continuing} and {@link #storing} make copies.
 */
public final class ResponsesOperation implements CacheableOperation {

    private final ObjectNode body;
    private final ResponsesOptions options;
    private final ResponsesEcho echo;
    private final ReasoningSeal seal;
    private final String id;
    private final Optional<Filing> filing;
    private final int previousItems;
    private final ChatRequest canonical;
    private final ResponsesStreamEncoder encoder;
    private final ChatOperation chat;

    /** Where and as whose a stored answer is filed; {@link #file} does the filing. */
    public interface Filing {
        /** Files the answer (the response object as sent) with the conversation's items; completes when committed. */
        Future<Void> file(ResponsesOperation operation, ObjectNode response);
    }

    private ResponsesOperation(ObjectNode body, ResponsesOptions options, ResponsesEcho echo, ReasoningSeal seal,
                               String id, Optional<Filing> filing, int previousItems) {
        this.body = body;
        this.previousItems = previousItems;
        this.options = options;
        this.echo = echo;
        this.seal = seal;
        this.id = id;
        this.filing = filing;
        this.canonical = ResponsesRequestMapper.toCanonical(body, seal);
        this.encoder = new ResponsesStreamEncoder(echo, seal, id);
        boolean stored = filing.isPresent();
        ChatRendering rendering = new ChatRendering(this::render, !stored,
                rendered -> filing.map(f -> rendered.or(encoder::completedResponse)
                        .map(response -> f.file(this, response)).orElse(Future.succeededFuture()))
                        .orElse(Future.succeededFuture()));
        this.chat = new ChatOperation(new ClientRequest(Dialect.OPENAI_RESPONSES, body, canonical),
                ClientDialect.RESPONSES, new StreamFormat(encoder, "text/event-stream; charset=utf-8"), rendering);
    }

    /**
     * Decodes a client's body: validates it (a 400 naming the field otherwise) and gives the answer a fresh id.
     * Background execution and OpenAI-held conversations are refused: the gateway answers in the foreground and keeps
     * conversations itself.
     */
    public static ResponsesOperation decode(ObjectNode body, ReasoningSeal seal) {
        ResponsesOptions options = ResponsesOptions.of(body);
        if (options.background()) {
            throw dev.junction.model.GatewayException.invalid("background", "Background responses are not supported "
                    + "by this gateway: send the request without 'background' (or stream it).");
        }
        if (options.conversation().isPresent()) {
            throw dev.junction.model.GatewayException.invalid("conversation", "The 'conversation' parameter refers to "
                    + "a conversation held by OpenAI; continue a conversation through this gateway with "
                    + "'previous_response_id'.");
        }
        return new ResponsesOperation(body, options, ResponsesEcho.of(body), seal,
                "resp_" + UUID.randomUUID().toString().replace("-", ""), Optional.empty(), 0);
    }

    /**
     * This turn after the stored conversation it continues: the previous turns' input items and the previous answer's
     * output come first, then this turn's input; {@code previous_response_id} is resolved and removed, so any
     * upstream gets the whole conversation. The client's {@code instructions} are this turn's only, as with OpenAI.
     */
    public ResponsesOperation continuing(StoredResponse previous) {
        ArrayNode input = Json.MAPPER.readTree(previous.items()).deepCopy() instanceof ArrayNode a ? a
                : Json.MAPPER.createArrayNode();
        JsonNode output = Json.MAPPER.readTree(previous.response()).path("output");
        output.forEach(item -> input.add(asInput(item)));
        int earlier = input.size();
        inputItems().forEach(input::add);
        ObjectNode merged = body.deepCopy();
        merged.remove("previous_response_id");
        merged.set("input", input);
        return new ResponsesOperation(merged, options, echo, seal, id, filing, earlier);
    }

    /** This operation, its answer filed by {@code filing} (the client asked for {@code store}). */
    public ResponsesOperation storing(Filing how) {
        return new ResponsesOperation(body, options, echo, seal, id, Optional.of(how), previousItems);
    }

    /** The request's body as the upstream would get it (with the conversation it continues). */
    public ObjectNode body() {
        return body;
    }

    /**
     * This operation with its body replaced (a guardrail's masked copy): the same id, options and filing, so a stored
     * conversation keeps the masked items.
     */
    public ResponsesOperation withBody(ObjectNode rewritten) {
        return new ResponsesOperation(rewritten, options, echo, seal, id, filing, previousItems);
    }

    /** The id the client's answer carries. */
    public String id() {
        return id;
    }

    /** The client's options: {@code store}, {@code previous_response_id}, … */
    public ResponsesOptions options() {
        return options;
    }

    /** The conversation's input items so far, this turn's last, as sent to the upstream. */
    public ArrayNode inputItems() {
        JsonNode input = body.get("input");
        if (input instanceof ArrayNode items) {
            return items;
        }
        ArrayNode items = Json.MAPPER.createArrayNode();
        if (input != null && input.isString()) {
            items.addObject().put("type", "message").put("role", "user").put("content", input.stringValue());
        }
        return items;
    }

    /** How many of {@link #inputItems} the client sent in this turn (the rest came from the stored conversation). */
    public int turnInputCount() {
        return inputItems().size() - previousItems;
    }

    /** The complete body: the gateway's id, and the client's own parameters echoed over the upstream's. */
    private ObjectNode render(ChatResponse response) {
        ObjectNode body = ResponsesResponseMapper.fromCanonical(new ChatResponse(id, response.model(),
                response.created(), response.choices(), response.usage(), response.extensions()), echo, seal);
        echo.writeTo(body);
        return body;
    }

    /**
     * An output item replayed as input: without its output-only {@code status}, and without the gateway's item id
     * (which no upstream stored), except on reasoning items, whose id travels with their {@code encrypted_content}.
     */
    private static JsonNode asInput(JsonNode item) {
        if (!(item instanceof ObjectNode o)) {
            return item;
        }
        ObjectNode copy = o.deepCopy();
        copy.remove("status");
        if (!"reasoning".equals(o.path("type").asString())) {
            copy.remove("id");
        }
        return copy;
    }

    @Override
    public String model() {
        return chat.model();
    }

    @Override
    public boolean stream() {
        return chat.stream();
    }

    @Override
    public long estimateInputTokens() {
        return chat.estimateInputTokens();
    }

    @Override
    public OptionalInt maxOutputTokens() {
        return chat.maxOutputTokens();
    }

    @Override
    public RequestFacts facts() {
        return chat.facts();
    }

    @Override
    public ChatRequest canonical() {
        return canonical;
    }

    @Override
    public Reply.Chat answer(ChatResponse response, java.time.Duration pace) {
        return chat.answer(response, pace);
    }

    @Override
    public Future<Routed<Reply>> execute(Exchange exchange, Route route) {
        return chat.execute(exchange, route);
    }
}
