package dev.junction.mock;

import dev.junction.json.Json;
import dev.junction.model.ChatRequest;
import dev.junction.model.ChatResponse;
import dev.junction.model.Choice;
import dev.junction.model.ContentPart;
import dev.junction.model.EmbeddingRequest;
import dev.junction.model.EmbeddingResponse;
import dev.junction.model.Extensions;
import dev.junction.model.FinishReason;
import dev.junction.model.GatewayError;
import dev.junction.model.Message;
import dev.junction.model.Role;
import dev.junction.model.StreamEvents;
import dev.junction.model.ToolChoice;
import dev.junction.model.ToolDefinition;
import dev.junction.model.Usage;
import dev.junction.provider.AuthStyle;
import dev.junction.provider.ParamRules;
import dev.junction.provider.ProviderConfig;
import dev.junction.provider.Timeouts;
import dev.junction.upstream.Cancellation;
import dev.junction.upstream.EmbeddingAdapter;
import dev.junction.upstream.ProviderAdapter;
import dev.junction.upstream.ReplayStream;
import dev.junction.upstream.UpstreamCall;
import dev.junction.upstream.UpstreamFailure;
import dev.junction.upstream.UpstreamReply;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The {@code mock} provider. Its models:
 * <ul>
 *   <li>{@code echo}: answers with the text of the last user message, or summarises tool results when the last
 *       message carries them; calls a tool when the request forces one ({@code tool_choice} required or named).</li>
 *   <li>{@code tools}: calls the first tool (or the named one) with arguments built from its schema.</li>
 *   <li>{@code slow}: like {@code echo}, streaming one word every 100 ms.</li>
 *   <li>{@code fail}: always answers 503, to show failover.</li>
 *   <li>{@code embed}: embeddings: 16-dimensional unit vectors derived from each text's hash (the same text always
 *       gets the same vector); any other model embeds the same way.</li>
 * </ul>
 * Streams go word by word; {@code metadata.mock_delay_ms} sets a delay between words for any model.
 */
public final class MockProvider implements ProviderAdapter, EmbeddingAdapter {

    /** The provider's name. */
    public static final String NAME = "mock";

    /** The models it serves. */
    public static final List<String> MODELS = List.of("echo", "tools", "slow", "fail", "embed");

    private static final long SLOW_DELAY_MS = 100;

    private final Vertx vertx;
    private final AtomicLong ids = new AtomicLong();

    public MockProvider(Vertx vertx) {
        this.vertx = vertx;
    }

    /** The provider configuration under which the mock is always registered. */
    public static ProviderConfig config() {
        return new ProviderConfig(NAME, dev.junction.model.Dialect.OPENAI_CHAT, "mock://local", Optional.empty(),
                new AuthStyle.None(), Map.of(), ParamRules.NONE, Timeouts.DEFAULTS, MODELS, List.of());
    }

    /** Dimensions of the mock's embeddings (unless the request asks for fewer). */
    static final int EMBEDDING_DIMENSIONS = 16;

    @Override
    public Future<EmbeddingResponse> embed(EmbeddingRequest request, ProviderConfig provider, String upstreamModel,
                                           String requestId, Cancellation cancellation) {
        int dims = Math.min(request.dimensions().orElse(EMBEDDING_DIMENSIONS), EMBEDDING_DIMENSIONS);
        List<float[]> vectors = new ArrayList<>();
        long tokens = 0;
        for (String input : request.inputs()) {
            java.util.Random random = new java.util.Random(input.hashCode());
            float[] v = new float[dims];
            double norm = 0;
            for (int i = 0; i < dims; i++) {
                v[i] = (float) random.nextGaussian();
                norm += v[i] * v[i];
            }
            for (int i = 0; i < dims; i++) {
                v[i] = (float) (v[i] / Math.sqrt(norm));
            }
            vectors.add(v);
            tokens += dev.junction.tokens.TokenEstimator.count(input);
        }
        return Future.succeededFuture(new EmbeddingResponse(upstreamModel, vectors, tokens));
    }

    @Override
    public Future<UpstreamReply> send(UpstreamCall call) {
        String model = call.upstreamModel();
        if (model.equals("fail")) {
            return Future.failedFuture(new UpstreamFailure(new GatewayError.Unavailable(
                    "The mock model 'fail' always fails.", Optional.empty())));
        }
        if (model.equals("embed")) {
            return Future.failedFuture(new UpstreamFailure(new GatewayError.UpstreamRejected(400,
                    "The mock model 'embed' is an embedding model: use it for embeddings, not chat.",
                    Optional.of("invalid_request_error"), Optional.of("model"), Optional.empty())));
        }
        if (!MODELS.contains(model)) {
            return Future.failedFuture(new UpstreamFailure(new GatewayError.UpstreamRejected(404,
                    "The mock provider has no model '" + model + "'. It has: " + String.join(", ", MODELS) + ".",
                    Optional.of("invalid_request_error"), Optional.empty(), Optional.of("model_not_found"))));
        }
        ChatRequest request = call.request().canonical();
        ChatResponse response = answer(request, model);
        if (!request.stream()) {
            return Future.succeededFuture(new UpstreamReply.Synthesized(response, Set.of()));
        }
        long delay = model.equals("slow") ? SLOW_DELAY_MS : delayFrom(request);
        var events = StreamEvents.of(response, StreamEvents::words);
        var stream = ReplayStream.paced(events, vertx, delay);
        call.cancellation().onCancel(stream::cancel);
        return Future.succeededFuture(new UpstreamReply.CanonicalStream(stream, Set.of()));
    }

    private static long delayFrom(ChatRequest request) {
        try {
            return Math.max(0, Math.min(10_000, Long.parseLong(request.metadata().getOrDefault("mock_delay_ms", "0"))));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private ChatResponse answer(ChatRequest request, String model) {
        String id = "chatcmpl-mock" + ids.incrementAndGet();
        List<ContentPart> content = new ArrayList<>();
        FinishReason finish = FinishReason.STOP;
        Optional<ToolDefinition> tool = toolToCall(request, model);
        if (tool.isPresent()) {
            content.add(new ContentPart.ToolCall("call_mock" + ids.get(), tool.get().name(),
                    Json.write(argumentsFor(tool.get().parameters(), request.lastUserText()))));
            finish = FinishReason.TOOL_CALLS;
        } else {
            content.add(new ContentPart.Text(replyText(request)));
        }
        int n = request.sampling().n().orElse(1);
        List<Choice> choices = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            choices.add(new Choice(i, new Message(Role.ASSISTANT, content, Optional.empty()), Optional.of(finish),
                    List.of()));
        }
        long input = estimateTokens(request);
        long output = 0;
        for (ContentPart part : content) {
            output += switch (part) {
                case ContentPart.Text t -> Math.max(1, StreamEvents.words(t.text()).size());
                case ContentPart.ToolCall c -> Math.max(1, c.arguments().length() / 4);
                default -> 0;
            };
        }
        return new ChatResponse(id, model, System.currentTimeMillis() / 1000, choices,
                new Usage(input, output * n, 0, 0, 0), Extensions.none());
    }

    private static Optional<ToolDefinition> toolToCall(ChatRequest request, String model) {
        if (request.tools().isEmpty() || lastIsToolResult(request)) {
            return Optional.empty();
        }
        ToolChoice choice = request.toolChoice().orElse(new ToolChoice.Auto());
        if (choice instanceof ToolChoice.None) {
            return Optional.empty();
        }
        if (choice instanceof ToolChoice.Named named) {
            return request.tools().stream().filter(t -> t.name().equals(named.name())).findFirst();
        }
        boolean forced = choice instanceof ToolChoice.Required
                || choice instanceof ToolChoice.Allowed allowed && allowed.required();
        return forced || model.equals("tools") ? Optional.of(request.tools().getFirst()) : Optional.empty();
    }

    private static boolean lastIsToolResult(ChatRequest request) {
        return !request.messages().isEmpty() && request.messages().getLast().role() == Role.TOOL;
    }

    private static String replyText(ChatRequest request) {
        if (lastIsToolResult(request)) {
            var sb = new StringBuilder("Tool results:");
            int first = request.messages().size() - 1;
            while (first > 0 && request.messages().get(first - 1).role() == Role.TOOL) {
                first--;
            }
            for (int i = first; i < request.messages().size(); i++) {
                for (ContentPart part : request.messages().get(i).content()) {
                    if (part instanceof ContentPart.ToolResult r) {
                        sb.append(' ').append(new Message(Role.TOOL, r.content(), Optional.empty()).joinedText());
                    }
                }
            }
            return sb.toString();
        }
        String text = request.lastUserText();
        return text.isBlank() ? "(the mock heard nothing)" : text;
    }

    /** Deterministic arguments: each property gets a value of its type; strings echo the prompt. */
    private static ObjectNode argumentsFor(JsonNode schema, String prompt) {
        ObjectNode args = Json.object();
        for (var property : schema.path("properties").properties()) {
            JsonNode spec = property.getValue();
            JsonNode enumValues = spec.get("enum");
            if (enumValues != null && enumValues.isArray() && !enumValues.isEmpty()) {
                args.set(property.getKey(), enumValues.get(0));
                continue;
            }
            switch (spec.path("type").asString("string")) {
                case "integer", "number" -> args.put(property.getKey(), 1);
                case "boolean" -> args.put(property.getKey(), true);
                case "array" -> args.putArray(property.getKey());
                case "object" -> args.putObject(property.getKey());
                default -> args.put(property.getKey(), prompt);
            }
        }
        return args;
    }

    /** About four characters per token, the usual rule of thumb; at least one token. */
    private static long estimateTokens(ChatRequest request) {
        long chars = 0;
        for (Message m : request.messages()) {
            chars += m.joinedText().length();
        }
        return Math.max(1, (chars + 3) / 4);
    }
}
