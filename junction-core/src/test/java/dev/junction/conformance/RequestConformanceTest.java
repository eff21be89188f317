package dev.junction.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.junction.model.GatewayError;
import dev.junction.model.GatewayException;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Every request fixture that has a counterpart in other dialects, mapped source → canonical → target by the request
 * mappers, keeps the source's meaning ({@link RequestView}: system, turns and their text, images, tool calls and the
 * results paired with them, tools and schemas, response schema, max tokens, thinking budget) and looks like the
 * target's own fixture of the same conversation on what the two fixtures share ({@link Aspect}).
 */
class RequestConformanceTest {

    static final List<String> FIXTURES = List.of("request.basic.json", "request.tools.json",
            "request.tool-result.json", "request.image.json", "request.json-schema.json", "request.thinking.json");

    static Stream<Arguments> pairs() {
        return FIXTURES.stream().flatMap(fixture -> Stream.of(WireDialect.values())
                .filter(source -> Fixtures.exists(source, fixture))
                .flatMap(source -> Stream.of(WireDialect.values()).map(target -> Arguments.of(fixture, source,
                        target))));
    }

    @ParameterizedTest(name = "{0} {1} → {2}")
    @MethodSource("meaningPairs")
    void aTranslatedRequestKeepsTheMeaningOfTheSource(String fixture, WireDialect source, WireDialect target) {
        ObjectNode original = Fixtures.json(source, fixture);
        Set<String> dropped = new HashSet<>();

        ObjectNode translated = target.requestFromCanonical(source.requestToCanonical(original), dropped);

        ObjectNode expected = comparable(RequestView.of(source, original), source, target);
        ObjectNode actual = comparable(RequestView.of(target, translated), source, target);
        if (!expected.has("max_tokens")) {
            actual.remove("max_tokens");
        }
        assertThat(actual).isEqualTo(expected);
    }

    /** The pairs whose translation must succeed (the refused ones have their own test). */
    static Stream<Arguments> meaningPairs() {
        return pairs().filter(a -> !refusedForOpenAi((String) a.get()[0], (WireDialect) a.get()[1],
                (WireDialect) a.get()[2]));
    }

    static Stream<Arguments> fixturePairs() {
        return meaningPairs().filter(a -> a.get()[1] != a.get()[2]
                && Fixtures.exists((WireDialect) a.get()[2], (String) a.get()[0]));
    }

    @ParameterizedTest(name = "{0} {1} → {2}")
    @MethodSource("fixturePairs")
    void aTranslatedRequestLooksLikeTheTargetsOwnFixtureOnWhatTheFixturesShare(String fixture, WireDialect source,
                                                                               WireDialect target) {
        ObjectNode translated = target.requestFromCanonical(
                source.requestToCanonical(Fixtures.json(source, fixture)), new HashSet<>());

        ObjectNode actual = comparable(RequestView.of(target, translated), source, target);
        ObjectNode expected = comparable(RequestView.of(target, Fixtures.json(target, fixture)), source, target);
        for (Aspect aspect : Aspect.shared(fixture, source, target)) {
            assertThat(aspect.of(actual)).as(aspect.name()).isEqualTo(aspect.of(expected));
        }
    }

    /**
     * A document OpenAI Chat cannot read (Anthropic's by URL, a Gemini Files-API URI) has no {@code file} form there:
     * {@code file_data} takes base64 only. Sending the URL as {@code file_data} fails upstream; the mapper should
     * refuse it with a message naming the part (translation.md §3, §9 "Policy").
     */
    @ParameterizedTest(name = "{0} {1} → OPENAI")
    @MethodSource("documentsByUrl")
    void aDocumentByUrlIsRefusedForOpenAiRatherThanSentAsFileData(String fixture, WireDialect source) {
        ObjectNode original = Fixtures.json(source, fixture);

        assertThatThrownBy(() -> WireDialect.OPENAI.requestFromCanonical(source.requestToCanonical(original),
                new HashSet<>()))
                .isInstanceOfSatisfying(GatewayException.class, e -> assertThat(e.error())
                        .isInstanceOf(GatewayError.InvalidRequest.class));
    }

    static Stream<Arguments> documentsByUrl() {
        return Stream.of(Arguments.of("request.image.json", WireDialect.ANTHROPIC),
                Arguments.of("request.image.json", WireDialect.GEMINI));
    }

    private static boolean refusedForOpenAi(String fixture, WireDialect source, WireDialect target) {
        return target == WireDialect.OPENAI && documentsByUrl().anyMatch(a -> a.get()[0].equals(fixture)
                && a.get()[1] == source);
    }

    /** Whether the dialect says how much to think as an effort level, never as a budget. */
    private static boolean effortOnly(WireDialect dialect) {
        return dialect == WireDialect.OPENAI || dialect == WireDialect.RESPONSES;
    }

    /** The view without what one of the two dialects cannot say. */
    private static ObjectNode comparable(ObjectNode view, WireDialect source, WireDialect target) {
        ObjectNode copy = view.deepCopy();
        if (effortOnly(source) || effortOnly(target)) {
            copy.remove("thinking_budget");
        }
        if (source == WireDialect.GEMINI || target == WireDialect.GEMINI) {
            for (JsonNode turn : copy.path("turns")) {
                for (JsonNode part : turn.path("parts")) {
                    if (part.get("call") instanceof ObjectNode call) {
                        call.put("id", "");
                    }
                }
            }
        }
        return copy;
    }
}
