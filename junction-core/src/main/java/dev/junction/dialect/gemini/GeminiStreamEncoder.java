package dev.junction.dialect.gemini;

import dev.junction.dialect.StreamEncoder;
import dev.junction.json.Json;
import dev.junction.model.Dialect;
import dev.junction.model.FinishReason;
import dev.junction.model.StreamEvent;
import dev.junction.model.ThoughtSignature;
import dev.junction.model.Usage;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Turns canonical stream events into a Gemini stream: with {@code sse}, {@code data: <chunk>\r\n\r\n} per chunk
 * (what {@code ?alt=sse} returns); without, the JSON array {@code :streamGenerateContent} returns by default
 * ({@code [chunk}, {@code ,\r\nchunk}…, {@code ]}). Each text or thinking delta is a chunk; tool-call arguments are
 * buffered until their block stops, since Gemini clients expect whole {@code args} objects; signatures are attached
 * to the next part of their candidate. The finish reasons and the usage are held until {@link
 * StreamEvent.MessageStop}, so that usage reported after the finish (OpenAI's order) still reaches the final chunk.
 * Every chunk carries {@code modelVersion} and {@code responseId}. An error is the last element; nothing follows it.
 * One instance per response; not thread safe.
 */
public final class GeminiStreamEncoder implements StreamEncoder {

    private final boolean sse;
    private final Map<Long, ToolBuffer> tools = new HashMap<>();
    private final Map<Integer, String> signatures = new HashMap<>();
    private final Map<Integer, FinishReason> finishes = new TreeMap<>();
    private final TreeSet<Integer> choices = new TreeSet<>();
    private String id = "";
    private String model = "";
    private Usage usage = Usage.ZERO;
    private boolean usageKnown;
    private boolean framed;
    private boolean over;

    /** @param sse whether the client asked for {@code alt=sse}; otherwise the stream is a JSON array */
    public GeminiStreamEncoder(boolean sse) {
        this.sse = sse;
    }

    /** A tool call whose arguments are still arriving. */
    private record ToolBuffer(String name, StringBuilder arguments) {}

    @Override
    public String encode(StreamEvent event) {
        if (over) {
            return "";
        }
        return switch (event) {
            case StreamEvent.MessageStart start -> {
                id = start.id();
                model = start.model();
                if (!start.usage().equals(Usage.ZERO)) {
                    usage = start.usage();
                    usageKnown = true;
                }
                yield "";
            }
            case StreamEvent.BlockStart bs -> {
                choices.add(bs.choice());
                if (bs.block() instanceof StreamEvent.Block.ToolCall call) {
                    tools.put(key(bs.choice(), bs.index()), new ToolBuffer(call.name(), new StringBuilder()));
                }
                yield "";
            }
            case StreamEvent.BlockDelta bd -> delta(bd);
            case StreamEvent.BlockStop stop -> {
                ToolBuffer call = tools.remove(key(stop.choice(), stop.index()));
                yield call == null ? "" : frame(chunk(stop.choice(), functionCall(call)));
            }
            case StreamEvent.Finish finish -> {
                choices.add(finish.choice());
                finishes.put(finish.choice(), finish.reason());
                yield "";
            }
            case StreamEvent.UsageUpdate update -> {
                usage = update.usage();
                usageKnown = true;
                yield "";
            }
            case StreamEvent.MessageStop stop -> last();
            case StreamEvent.StreamError error -> {
                over = true;
                yield element(GeminiErrors.render(error.error())) + (sse ? "" : "]");
            }
        };
    }

    private String delta(StreamEvent.BlockDelta bd) {
        choices.add(bd.choice());
        ObjectNode part = switch (bd.delta()) {
            case StreamEvent.Delta.Text t -> t.text().isEmpty() ? null : Json.object().put("text", t.text());
            case StreamEvent.Delta.Refusal r -> r.text().isEmpty() ? null : Json.object().put("text", r.text());
            case StreamEvent.Delta.Thinking t -> t.text().isEmpty() ? null
                    : Json.object().put("text", t.text()).put("thought", true);
            case StreamEvent.Delta.Signature s -> {
                signatures.put(bd.choice(), ThoughtSignature.forClient(Dialect.GEMINI, s.signature()));
                yield null;
            }
            case StreamEvent.Delta.Arguments a -> {
                ToolBuffer call = tools.get(key(bd.choice(), bd.index()));
                if (call != null) {
                    call.arguments().append(a.fragment());
                }
                yield null;
            }
        };
        return part == null ? "" : frame(chunk(bd.choice(), part));
    }

    /** The final chunk: unfinished tool calls, a signature still waiting, finish reasons and the usage. */
    private String last() {
        over = true;
        ObjectNode chunk = Json.object();
        ArrayNode candidates = chunk.putArray("candidates");
        if (choices.isEmpty()) {
            choices.add(0);
        }
        for (int choice : choices) {
            ObjectNode candidate = candidates.addObject();
            ArrayNode parts = Json.MAPPER.createArrayNode();
            new TreeMap<>(tools).forEach((key, call) -> {
                if ((int) (key >> 32) == choice) {
                    parts.add(withSignature(choice, functionCall(call)));
                }
            });
            if (signatures.containsKey(choice)) {
                parts.add(withSignature(choice, Json.object().put("text", "")));
            }
            ObjectNode content = candidate.putObject("content");
            if (!parts.isEmpty()) {
                content.set("parts", parts);
            }
            content.put("role", "model");
            candidate.put("finishReason", GeminiFinishReasons.write(finishes.getOrDefault(choice, FinishReason.STOP)));
            candidate.put("index", choice);
        }
        chunk.set("usageMetadata", GeminiUsage.write(usage));
        return frame(chunk) + (sse ? "" : "]");
    }

    /** A chunk with one new part for one candidate. */
    private ObjectNode chunk(int choice, ObjectNode part) {
        ObjectNode chunk = Json.object();
        ObjectNode candidate = chunk.putArray("candidates").addObject();
        candidate.putObject("content").put("role", "model").putArray("parts").add(withSignature(choice, part));
        candidate.put("index", choice);
        if (usageKnown) {
            chunk.set("usageMetadata", GeminiUsage.write(usage));
        }
        return chunk;
    }

    private ObjectNode withSignature(int choice, ObjectNode part) {
        String signature = signatures.remove(choice);
        if (signature != null) {
            part.put("thoughtSignature", signature);
        }
        return part;
    }

    private static ObjectNode functionCall(ToolBuffer call) {
        return GeminiParts.functionCall(call.name(), GeminiJson.argsObject(call.arguments().toString())
                .orElseGet(Json::object));
    }

    private String frame(ObjectNode chunk) {
        chunk.put("modelVersion", model).put("responseId", id);
        return element(chunk);
    }

    private String element(ObjectNode node) {
        String json = Json.write(node);
        if (sse) {
            return "data: " + json + "\r\n\r\n";
        }
        String prefix = framed ? ",\r\n" : "[";
        framed = true;
        return prefix + json;
    }

    private static long key(int choice, int index) {
        return ((long) choice << 32) | (index & 0xffffffffL);
    }
}
