package dev.junction.dialect.anthropic;

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
 * Random canonical requests made only of what Anthropic can express (text, base64 images, tool calls and results,
 * thinking with Anthropic signatures, sampling within Anthropic's ranges) survive fromCanonical → toCanonical with
 * nothing lost and nothing reported dropped. The only differences allowed are the ones reading an Anthropic body
 * always makes: usage is always included in streams, the exact thinking object is kept as an extension, and
 * disabling parallel tool calls without a tool choice reads back as {@code auto}.
 *
 * <p>Each case is built from a fixed seed, named in the case's display name, so a failure replays exactly.
 */
class AnthropicRequestPropertyTest {

    private static final int CASES = 300;

    private static LongStream seeds() {
        return LongStream.range(0, CASES);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void anExpressibleRequestSurvivesTheRoundTripThroughAnthropic(long seed) {
        ChatRequest request = expressibleRequest(seed);
        Set<String> dropped = new HashSet<>();

        ObjectNode body = AnthropicRequestMapper.fromCanonical(request, dropped);
        ChatRequest back = AnthropicRequestMapper.toCanonical(body);

        String seedName = "seed " + seed;
        assertThat(dropped).as(seedName).isEmpty();
        assertThat(back.messages()).as(seedName).isEqualTo(request.messages());
        assertThat(back.tools()).as(seedName).isEqualTo(request.tools());
        assertThat(back.sampling()).as(seedName).isEqualTo(request.sampling());
        assertThat(back.responseFormat()).as(seedName).isEqualTo(request.responseFormat());
        assertThat(back.toolChoice()).as(seedName).isEqualTo(expectedChoice(request));
        assertThat(back.parallelToolCalls()).as(seedName).isEqualTo(request.parallelToolCalls());
        assertThat(back.reasoning()).as(seedName).isEqualTo(request.reasoning());
        assertThat(back).as(seedName).isEqualTo(new ChatRequest(request.model(), request.messages(), request.tools(),
                expectedChoice(request), request.parallelToolCalls(), request.sampling(), request.responseFormat(),
                request.reasoning(), request.stream(), true, request.metadata(), request.user(), back.extensions()));
        assertThat(back.extensions().byDialect().keySet()).as(seedName).isSubsetOf(Set.of(Dialect.ANTHROPIC));
    }

    /**
     * Anthropic carries {@code disable_parallel_tool_use} inside a tool choice, so "no choice, one call at most"
     * comes back as an explicit {@code auto}, the default it stood for.
     */
    private static Optional<ToolChoice> expectedChoice(ChatRequest request) {
        if (request.toolChoice().isEmpty() && request.parallelToolCalls().isPresent()) {
            return Optional.of(new ToolChoice.Auto());
        }
        return request.toolChoice();
    }

    /**
     * The first request of the seed's sequence that must survive whole. Thinking that continues a tool loop without
     * Anthropic's own signed thinking is dropped on purpose (AnthropicReasoningRuleTest), so such requests are skipped
     * over rather than counted: every seed checks one request.
     */
    private static ChatRequest expressibleRequest(long seed) {
        Generator generator = new Generator(new Random(seed));
        ChatRequest request = generator.request();
        while (AnthropicReasoning.unsignedToolTurn(request)) {
            request = generator.request();
        }
        return request;
    }

    /** Builds random requests from one seeded source, so a seed alone replays a case. */
    private static final class Generator {
        private final Random random;
        private int calls;

        Generator(Random random) {
            this.random = random;
        }

        ChatRequest request() {
            boolean thinking = random.nextBoolean();
            List<ToolDefinition> tools = tools();
            int maxTokens = thinking ? 2048 + random.nextInt(30000) : 1 + random.nextInt(64000);
            Optional<Reasoning> reasoning = thinking
                    ? Optional.of(Reasoning.ofBudget(1024 + random.nextInt(maxTokens - 1024)))
                    : Optional.empty();
            Optional<ToolChoice> choice = tools.isEmpty() ? Optional.empty() : toolChoice(tools, thinking);
            Optional<Boolean> parallel = !tools.isEmpty() && random.nextBoolean()
                    && choice.filter(ToolChoice.None.class::isInstance).isEmpty() ? Optional.of(false)
                    : Optional.empty();
            return new ChatRequest("claude-" + random.nextInt(100), messages(), tools, choice, parallel,
                    sampling(maxTokens, thinking), format(), reasoning, random.nextBoolean(), true, Map.of(),
                    random.nextBoolean() ? Optional.of("user-" + random.nextInt(1000)) : Optional.empty(),
                    Extensions.none());
        }

        private List<ToolDefinition> tools() {
            List<ToolDefinition> out = new ArrayList<>();
            int n = random.nextInt(3);
            for (int i = 0; i < n; i++) {
                ObjectNode schema = Json.object().put("type", "object");
                schema.putObject("properties").putObject("p" + i).put("type", "string");
                out.add(new ToolDefinition("tool_" + i, random.nextBoolean() ? Optional.of("does " + i)
                        : Optional.empty(), schema, random.nextBoolean() ? Optional.of(true) : Optional.empty()));
            }
            return out;
        }

        private Optional<ToolChoice> toolChoice(List<ToolDefinition> tools, boolean thinking) {
            return switch (random.nextInt(thinking ? 3 : 5)) {
                case 0 -> Optional.empty();
                case 1 -> Optional.of(new ToolChoice.Auto());
                case 2 -> Optional.of(new ToolChoice.None());
                case 3 -> Optional.of(new ToolChoice.Required());
                default -> Optional.of(new ToolChoice.Named(tools.get(random.nextInt(tools.size())).name()));
            };
        }

        private Sampling sampling(int maxTokens, boolean thinking) {
            OptionalDouble temperature = !thinking && random.nextBoolean()
                    ? OptionalDouble.of(random.nextInt(101) / 100.0) : OptionalDouble.empty();
            OptionalDouble topP = random.nextBoolean()
                    ? OptionalDouble.of(thinking ? 0.95 + random.nextInt(6) / 100.0 : random.nextInt(101) / 100.0)
                    : OptionalDouble.empty();
            OptionalInt topK = !thinking && random.nextBoolean() ? OptionalInt.of(random.nextInt(500))
                    : OptionalInt.empty();
            List<String> stop = random.nextBoolean() ? List.of("END", "STOP" + random.nextInt(9)) : List.of();
            return new Sampling(OptionalInt.of(maxTokens), temperature, topP, topK, stop, OptionalLong.empty(),
                    OptionalDouble.empty(), OptionalDouble.empty(), OptionalInt.empty(), Optional.empty(),
                    OptionalInt.empty());
        }

        private Optional<ResponseFormat> format() {
            if (random.nextInt(4) != 0) {
                return Optional.empty();
            }
            ObjectNode schema = Json.object().put("type", "object").put("additionalProperties", false);
            schema.putObject("properties").putObject("city").put("type", "string");
            return Optional.of(new ResponseFormat.JsonSchema("response", Optional.empty(), schema, Optional.empty()));
        }

        private List<Message> messages() {
            List<Message> out = new ArrayList<>();
            if (random.nextBoolean()) {
                out.add(Message.text(Role.SYSTEM, "system " + text()));
            }
            int turns = 1 + random.nextInt(4);
            for (int t = 0; t < turns; t++) {
                out.add(new Message(Role.USER, userParts(), Optional.empty()));
                List<ContentPart> assistant = assistantParts();
                out.add(new Message(Role.ASSISTANT, assistant, Optional.empty()));
                for (ContentPart part : assistant) {
                    if (part instanceof ContentPart.ToolCall call) {
                        out.add(new Message(Role.TOOL, List.of(new ContentPart.ToolResult(call.id(),
                                List.of(new ContentPart.Text("result " + text())), random.nextBoolean())),
                                Optional.empty()));
                    }
                }
            }
            // Without a final user turn the conversation ends on the assistant: a prefill, which Anthropic continues.
            if (out.getLast().role() == Role.TOOL || random.nextBoolean()) {
                out.add(new Message(Role.USER, userParts(), Optional.empty()));
            }
            return out;
        }

        private List<ContentPart> userParts() {
            List<ContentPart> parts = new ArrayList<>();
            if (random.nextInt(3) == 0) {
                String type = List.of("image/png", "image/jpeg", "image/gif", "image/webp").get(random.nextInt(4));
                parts.add(new ContentPart.Image(new MediaSource.Base64(type, "iVBORw0KGgo" + random.nextInt(999)),
                        Optional.empty()));
            }
            parts.add(new ContentPart.Text(text()));
            return parts;
        }

        private List<ContentPart> assistantParts() {
            List<ContentPart> parts = new ArrayList<>();
            if (random.nextBoolean()) {
                boolean redacted = random.nextInt(4) == 0;
                parts.add(new ContentPart.Thinking(redacted ? "" : "thinking " + text(),
                        Optional.of(ThoughtSignature.tag(Dialect.ANTHROPIC, "sig" + random.nextInt(1_000_000))),
                        redacted));
            }
            parts.add(new ContentPart.Text(text()));
            int n = random.nextInt(3);
            for (int i = 0; i < n; i++) {
                ObjectNode args = Json.object().put("city", text()).put("n", random.nextInt(100));
                parts.add(new ContentPart.ToolCall("toolu_" + (calls++) + "_" + random.nextInt(1000),
                        "tool_" + i, Json.write(args)));
            }
            return parts;
        }

        private String text() {
            String[] words = {"Paris", "Tokyo", "weather", "ünïcode ✓", "\"quoted\"", "line\nbreak", "42"};
            StringBuilder sb = new StringBuilder(words[random.nextInt(words.length)]);
            for (int i = random.nextInt(4); i > 0; i--) {
                sb.append(' ').append(words[random.nextInt(words.length)]);
            }
            return sb.toString();
        }
    }
}
