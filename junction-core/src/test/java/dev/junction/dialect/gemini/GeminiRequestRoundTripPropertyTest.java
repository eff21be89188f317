package dev.junction.dialect.gemini;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.json.Json;
import dev.junction.model.ChatRequest;
import dev.junction.model.ContentPart;
import dev.junction.model.Dialect;
import dev.junction.model.Extensions;
import dev.junction.model.MediaSource;
import dev.junction.model.Message;
import dev.junction.model.Reasoning;
import dev.junction.model.ResponseFormat;
import dev.junction.model.Role;
import dev.junction.model.Sampling;
import dev.junction.model.ThoughtSignature;
import dev.junction.model.ToolChoice;
import dev.junction.model.ToolDefinition;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Random;
import java.util.Set;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.node.ObjectNode;

/**
 * Random canonical requests made of what Gemini can express (text, base64 media, tool calls with their results,
 * sampling within Gemini's ranges, Gemini-made signatures, tool choices, JSON output, thinking budgets) survive
 * {@code fromCanonical} → {@code toCanonical} unchanged. Tool-call ids are not sent to Gemini and come back
 * re-synthesised, so calls and results are compared by pairing: each id is replaced by the position of its call.
 *
 * <p>Each case is built from a fixed seed, named in the case's display name, so a failure replays exactly.
 */
class GeminiRequestRoundTripPropertyTest {

    private static final String[] NAMES = {"get_weather", "lookup", "search_docs"};
    private static final String[] WORDS = {"Paris", "Tokyo", "weather", "sunny", "42", "é", "数", "line\nbreak", " "};

    private static final int CASES = 300;

    private static LongStream seeds() {
        return LongStream.range(0, CASES);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void aCanonicalRequestGeminiCanExpressSurvivesARoundTrip(long seed) {
        ChatRequest original = request(new Random(seed));
        Set<String> dropped = new HashSet<>();

        ObjectNode body = GeminiRequestMapper.fromCanonical(original, dropped);
        ChatRequest back = GeminiRequestMapper.toCanonical(Json.parseObject(Json.bytes(body)), original.model(),
                original.stream());

        assertThat(dropped).as("seed %d", seed).isEmpty();
        assertThat(byPairing(back)).as("seed %d", seed).isEqualTo(byPairing(original));
    }

    private static ChatRequest request(Random random) {
        List<Message> messages = new ArrayList<>();
        if (random.nextBoolean()) {
            List<ContentPart> system = new ArrayList<>();
            for (int i = 0, n = 1 + random.nextInt(2); i < n; i++) {
                system.add(new ContentPart.Text(text(random)));
            }
            messages.add(new Message(Role.SYSTEM, system, Optional.empty()));
        }
        int calls = 0;
        for (int turn = 0, turns = 1 + random.nextInt(5); turn < turns; turn++) {
            messages.add(new Message(Role.USER, userParts(random), Optional.empty()));
            List<ContentPart> model = new ArrayList<>();
            List<ContentPart.ToolCall> made = new ArrayList<>();
            for (int i = 0, n = 1 + random.nextInt(3); i < n; i++) {
                if (random.nextInt(4) == 0) {
                    model.add(new ContentPart.Thinking("", Optional.of(ThoughtSignature.tag(Dialect.GEMINI,
                            base64(random))), false));
                }
                if (random.nextBoolean()) {
                    model.add(new ContentPart.Text(text(random)));
                } else {
                    ObjectNode args = Json.object().put("q", text(random));
                    if (random.nextBoolean()) {
                        args.put("n", random.nextInt(100));
                    }
                    ContentPart.ToolCall call = new ContentPart.ToolCall("call_" + calls++,
                            NAMES[random.nextInt(NAMES.length)], Json.write(args));
                    model.add(call);
                    made.add(call);
                }
            }
            messages.add(new Message(Role.ASSISTANT, model, Optional.empty()));
            for (ContentPart.ToolCall call : made) {
                messages.add(new Message(Role.TOOL, List.of(new ContentPart.ToolResult(call.id(),
                        List.of(new ContentPart.Text(result(random))), random.nextInt(5) == 0)), Optional.empty()));
            }
        }
        List<ToolDefinition> tools = new ArrayList<>();
        for (String name : NAMES) {
            if (random.nextBoolean()) {
                ObjectNode schema = Json.object().put("type", "object");
                schema.putObject("properties").putObject("q").put("type", "string");
                tools.add(new ToolDefinition(name, random.nextBoolean() ? Optional.of(text(random)) : Optional.empty(),
                        schema, Optional.empty()));
            }
        }
        return new ChatRequest("gemini-2.5-flash", messages, tools, toolChoice(random), Optional.empty(),
                sampling(random), format(random), reasoning(random), random.nextBoolean(), true, Map.of(),
                Optional.empty(), Extensions.none());
    }

    private static List<ContentPart> userParts(Random random) {
        List<ContentPart> parts = new ArrayList<>();
        for (int i = 0, n = 1 + random.nextInt(3); i < n; i++) {
            parts.add(switch (random.nextInt(5)) {
                case 0 -> new ContentPart.Image(new MediaSource.Base64(random.nextBoolean() ? "image/png"
                        : "image/jpeg", base64(random)), Optional.empty());
                case 1 -> new ContentPart.Audio(new MediaSource.Base64("audio/wav", base64(random)), "wav");
                case 2 -> new ContentPart.Document(new MediaSource.Base64("application/pdf", base64(random)),
                        Optional.empty());
                default -> new ContentPart.Text(text(random));
            });
        }
        return parts;
    }

    private static Optional<ToolChoice> toolChoice(Random random) {
        return switch (random.nextInt(7)) {
            case 0 -> Optional.of(new ToolChoice.Auto());
            case 1 -> Optional.of(new ToolChoice.None());
            case 2 -> Optional.of(new ToolChoice.Required());
            case 3 -> Optional.of(new ToolChoice.Named(NAMES[random.nextInt(NAMES.length)]));
            case 4 -> Optional.of(new ToolChoice.Allowed(List.of(NAMES[0], NAMES[1]), true));
            case 5 -> Optional.of(new ToolChoice.Allowed(List.of(NAMES[random.nextInt(NAMES.length)]), false));
            default -> Optional.empty();
        };
    }

    private static Sampling sampling(Random random) {
        List<String> stop = new ArrayList<>();
        for (int i = 0, n = random.nextInt(6); i < n; i++) {
            stop.add(text(random));
        }
        return new Sampling(
                random.nextBoolean() ? OptionalInt.of(1 + random.nextInt(8192)) : OptionalInt.empty(),
                random.nextBoolean() ? OptionalDouble.of(random.nextInt(201) / 100.0) : OptionalDouble.empty(),
                random.nextBoolean() ? OptionalDouble.of(random.nextInt(101) / 100.0) : OptionalDouble.empty(),
                random.nextBoolean() ? OptionalInt.of(1 + random.nextInt(100)) : OptionalInt.empty(),
                stop,
                random.nextBoolean() ? OptionalLong.of(random.nextInt()) : OptionalLong.empty(),
                random.nextBoolean() ? OptionalDouble.of(random.nextInt(401) / 100.0 - 2) : OptionalDouble.empty(),
                random.nextBoolean() ? OptionalDouble.of(random.nextInt(401) / 100.0 - 2) : OptionalDouble.empty(),
                random.nextBoolean() ? OptionalInt.of(1 + random.nextInt(8)) : OptionalInt.empty(),
                random.nextBoolean() ? Optional.of(random.nextBoolean()) : Optional.empty(),
                random.nextBoolean() ? OptionalInt.of(random.nextInt(20)) : OptionalInt.empty());
    }

    private static Optional<ResponseFormat> format(Random random) {
        return switch (random.nextInt(4)) {
            case 0 -> Optional.of(new ResponseFormat.Text());
            case 1 -> Optional.of(new ResponseFormat.JsonObject());
            case 2 -> {
                ObjectNode schema = Json.object().put("type", "object");
                schema.putObject("properties").putObject("city").put("type", "string");
                yield Optional.of(new ResponseFormat.JsonSchema("response", Optional.empty(), schema,
                        Optional.empty()));
            }
            default -> Optional.empty();
        };
    }

    private static Optional<Reasoning> reasoning(Random random) {
        return switch (random.nextInt(3)) {
            case 0 -> Optional.of(Reasoning.ofBudget(0));
            case 1 -> Optional.of(Reasoning.ofBudget(1 + random.nextInt(24576)));
            default -> Optional.empty();
        };
    }

    private static String text(Random random) {
        StringBuilder out = new StringBuilder();
        for (int i = 0, n = 1 + random.nextInt(4); i < n; i++) {
            out.append(WORDS[random.nextInt(WORDS.length)]);
        }
        return out.toString();
    }

    /** A tool result: plain text, or the compact JSON text of an object. */
    private static String result(Random random) {
        return random.nextBoolean() ? text(random) : Json.write(Json.object().put("temperature", random.nextInt(40))
                .put("conditions", text(random)));
    }

    private static String base64(Random random) {
        byte[] bytes = new byte[1 + random.nextInt(24)];
        random.nextBytes(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }

    /** The request with every tool-call id replaced by the position of its call among all calls. */
    private static ChatRequest byPairing(ChatRequest request) {
        Map<String, String> positions = new HashMap<>();
        for (Message m : request.messages()) {
            for (ContentPart.ToolCall call : m.toolCalls()) {
                positions.putIfAbsent(call.id(), "#" + positions.size());
            }
        }
        List<Message> messages = request.messages().stream().map(m -> new Message(m.role(), m.content().stream()
                .map(p -> switch (p) {
                    case ContentPart.ToolCall c -> new ContentPart.ToolCall(positions.get(c.id()), c.name(),
                            c.arguments());
                    case ContentPart.ToolResult r -> new ContentPart.ToolResult(positions.getOrDefault(
                            r.toolCallId(), "unpaired " + r.toolCallId()), r.content(), r.isError());
                    default -> p;
                }).toList(), m.name())).toList();
        return new ChatRequest(request.model(), messages, request.tools(), request.toolChoice(),
                request.parallelToolCalls(), request.sampling(), request.responseFormat(), request.reasoning(),
                request.stream(), request.includeUsage(), request.metadata(), request.user(), request.extensions());
    }
}
