package dev.junction.dialect.anthropic;

import static dev.junction.dialect.anthropic.AnthropicFixtures.json;
import static dev.junction.dialect.anthropic.AnthropicFixtures.names;
import static dev.junction.dialect.anthropic.AnthropicFixtures.normalized;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.junction.json.Json;
import dev.junction.model.ChatRequest;
import dev.junction.model.GatewayError;
import dev.junction.model.GatewayException;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Every Messages request fixture survives toCanonical → fromCanonical, up to the documented normalisations:
 * {@code cache_control} markers are not kept (the same-dialect fast path never maps the body), a {@code system}
 * given as text blocks comes back as a string, and a content array holding one bare text block comes back as a
 * string. {@code request.count_tokens.json} is a count-tokens body, not a Messages request.
 */
class AnthropicRequestRoundTripTest {

    static Stream<String> requests() {
        return names("request.", ".json").filter(n -> !n.equals("request.count_tokens.json"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("requests")
    void requestFixtureSurvivesTheCanonicalRoundTrip(String name) {
        ObjectNode original = json(name);
        Set<String> dropped = new HashSet<>();

        ObjectNode written = AnthropicRequestMapper.fromCanonical(AnthropicRequestMapper.toCanonical(original),
                dropped);

        assertThat(normalized(written)).isEqualTo(normalized(asTheGatewayWritesIt(original)));
        assertThat(dropped).isEmpty();
    }

    @Test
    void aCountTokensBodyIsRejectedAsAMessagesRequestForItsMissingMaxTokens() {
        assertThatThrownBy(() -> AnthropicRequestMapper.toCanonical(json("request.count_tokens.json")))
                .isInstanceOfSatisfying(GatewayException.class, e -> assertThat(e.error())
                        .isInstanceOfSatisfying(GatewayError.InvalidRequest.class,
                                i -> assertThat(i.param()).contains("max_tokens")));
    }

    @Test
    void theCacheFixtureKeepsItsSystemTextThoughNotItsCacheMarker() {
        ChatRequest request = AnthropicRequestMapper.toCanonical(json("request.cache.json"));

        ObjectNode written = AnthropicRequestMapper.fromCanonical(request, new HashSet<>());

        assertThat(written.get("system").stringValue()).startsWith("You are a meticulous contract analyst.");
    }

    @Test
    void serverToolsAndUnknownFieldsReachAnAnthropicUpstreamAgain() {
        ObjectNode body = json("request.tools.json");
        body.withArray("tools").addObject().put("type", "web_search_20250305").put("name", "web_search")
                .put("max_uses", 5);
        body.put("service_tier", "auto");
        body.putObject("container").put("id", "container_1");

        ObjectNode written = AnthropicRequestMapper.fromCanonical(AnthropicRequestMapper.toCanonical(body),
                new HashSet<>());

        assertThat(normalized(written)).isEqualTo(normalized(body));
    }

    @Test
    void adaptiveThinkingWithAnEffortComesBackExactly() {
        ObjectNode body = json("request.basic.json");
        body.remove("temperature"); // the API rejects a temperature other than 1 while thinking
        body.putObject("thinking").put("type", "adaptive");
        body.putObject("output_config").put("effort", "low");

        ChatRequest request = AnthropicRequestMapper.toCanonical(body);
        ObjectNode written = AnthropicRequestMapper.fromCanonical(request, new HashSet<>());

        assertThat(request.reasoning().flatMap(r -> r.effort())).contains("low");
        assertThat(normalized(written)).isEqualTo(normalized(asTheGatewayWritesIt(body)));
    }

    @Test
    void midConversationSystemMessagesOfTheNewApiVersionStayInPlaceCanonically() {
        ObjectNode body = json("request.basic.json");
        body.withArray("messages").addObject().put("role", "assistant").put("content", "Hi.");
        body.withArray("messages").addObject().put("role", "system").put("content", "Now answer in French.");
        body.withArray("messages").addObject().put("role", "user").put("content", "How are you?");

        ChatRequest request = AnthropicRequestMapper.toCanonical(body);
        ObjectNode written = AnthropicRequestMapper.fromCanonical(request, new HashSet<>());

        assertThat(request.messages()).extracting(m -> m.role().name())
                .containsExactly("SYSTEM", "USER", "ASSISTANT", "SYSTEM", "USER");
        assertThat(written.get("system").stringValue())
                .isEqualTo("You are a helpful assistant.\n\nNow answer in French.");
        assertThat(written.get("messages")).hasSize(3);
    }

    /** The fixture with the documented normalisations applied. */
    static ObjectNode asTheGatewayWritesIt(ObjectNode body) {
        ObjectNode copy = (ObjectNode) withoutCacheControl(body.deepCopy());
        if (copy.get("system") instanceof ArrayNode blocks) {
            StringBuilder text = new StringBuilder();
            blocks.forEach(b -> text.append(b.path("text").asString("")));
            copy.put("system", text.toString());
        }
        for (JsonNode message : copy.path("messages")) {
            collapse((ObjectNode) message);
            for (JsonNode block : message.path("content")) {
                if (block.has("tool_use_id")) {
                    collapse((ObjectNode) block);
                }
            }
        }
        return copy;
    }

    private static void collapse(ObjectNode holder) {
        if (holder.get("content") instanceof ArrayNode content && content.size() == 1
                && content.get(0).size() == 2 && "text".equals(content.get(0).path("type").asString(""))) {
            holder.put("content", content.get(0).get("text").stringValue());
        }
    }

    private static JsonNode withoutCacheControl(JsonNode node) {
        if (node instanceof ObjectNode object) {
            object.remove("cache_control");
            for (Map.Entry<String, JsonNode> e : object.properties()) {
                withoutCacheControl(e.getValue());
            }
        } else if (node.isArray()) {
            node.forEach(AnthropicRequestRoundTripTest::withoutCacheControl);
        }
        return node;
    }

    @Test
    void theNormalisationHelperLeavesAPlainBodyAlone() {
        ObjectNode body = json("request.basic.json");

        assertThat(asTheGatewayWritesIt(body)).isEqualTo(body);
        assertThat(Json.write(body)).contains("Hello, Claude");
    }
}
