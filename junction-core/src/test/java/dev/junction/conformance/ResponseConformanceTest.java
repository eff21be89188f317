package dev.junction.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.node.ObjectNode;

/**
 * Every non-stream response fixture, mapped source → canonical → target by the response mappers, is a body the
 * target's SDK reads and tells the client what the source told the gateway, on everything both dialects can say
 * ({@link Answer#comparableBetween}): text, thinking, tool calls, finish reason (translation.md §10) and usage
 * (§11).
 */
class ResponseConformanceTest {

    /** A non-stream response fixture of a dialect. */
    record Source(WireDialect dialect, String fixture) {
        @Override
        public String toString() {
            return dialect + " " + fixture;
        }
    }

    static final List<Source> SOURCES = List.of(
            new Source(WireDialect.OPENAI, "response.basic.json"),
            new Source(WireDialect.OPENAI, "response.json-schema.json"),
            new Source(WireDialect.OPENAI, "response.logprobs.json"),
            new Source(WireDialect.OPENAI, "response.tool-result.json"),
            new Source(WireDialect.OPENAI, "response.tools.json"),
            new Source(WireDialect.ANTHROPIC, "response.basic.json"),
            new Source(WireDialect.ANTHROPIC, "response.cache-hit.json"),
            new Source(WireDialect.ANTHROPIC, "response.cache-write.json"),
            new Source(WireDialect.ANTHROPIC, "response.thinking.json"),
            new Source(WireDialect.ANTHROPIC, "response.tool-result.json"),
            new Source(WireDialect.ANTHROPIC, "response.tools.json"),
            new Source(WireDialect.GEMINI, "response.basic.json"),
            new Source(WireDialect.GEMINI, "response.finish-safety.json"),
            new Source(WireDialect.GEMINI, "response.json-schema.json"),
            new Source(WireDialect.GEMINI, "response.prompt-blocked.json"),
            new Source(WireDialect.GEMINI, "response.thinking.json"),
            new Source(WireDialect.GEMINI, "response.tool-result.json"),
            new Source(WireDialect.GEMINI, "response.tools.json"),
            new Source(WireDialect.RESPONSES, "response.basic.json"),
            new Source(WireDialect.RESPONSES, "response.incomplete.json"),
            new Source(WireDialect.RESPONSES, "response.reasoning.json"),
            new Source(WireDialect.RESPONSES, "response.tools.json"));

    static Stream<Arguments> pairs() {
        return SOURCES.stream().flatMap(s -> Stream.of(WireDialect.values()).map(target -> Arguments.of(s, target)));
    }

    @ParameterizedTest(name = "{0} → {1}")
    @MethodSource("pairs")
    void aTranslatedResponseKeepsTheMeaningOfTheSource(Source source, WireDialect target) {
        ObjectNode original = Fixtures.json(source.dialect(), source.fixture());

        ObjectNode translated = target.responseFromCanonical(source.dialect().responseToCanonical(original));

        assertThat(Answer.of(target, translated).comparableBetween(source.dialect(), target))
                .isEqualTo(Answer.of(source.dialect(), original).comparableBetween(source.dialect(), target));
    }

    @ParameterizedTest(name = "{0} → {1}")
    @MethodSource("pairs")
    void aTranslatedResponseIsABodyTheTargetSdkReads(Source source, WireDialect target) {
        ObjectNode original = Fixtures.json(source.dialect(), source.fixture());

        ObjectNode translated = target.responseFromCanonical(source.dialect().responseToCanonical(original));

        SdkAccumulators.assertReadable(target, translated);
    }

    @ParameterizedTest(name = "{0} → {1}")
    @MethodSource("pairs")
    void aTranslatedResponseSaysSomething(Source source, WireDialect target) {
        // Guards the comparison above against two empty answers agreeing: every fixture has text, calls or a filter.
        Answer answer = Answer.of(target, target.responseFromCanonical(
                source.dialect().responseToCanonical(Fixtures.json(source.dialect(), source.fixture()))));

        assertThat(answer.text().isEmpty() && answer.toolCalls().isEmpty()
                && !answer.finish().equals("content_filter")).isFalse();
        assertThat(answer.finish()).isNotEmpty();
    }
}
