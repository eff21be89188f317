package dev.junction.dialect.gemini;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.model.FinishReason;
import dev.junction.secret.Redactor;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Finish reasons on the fast path: read from the bytes of a body or stream relayed untouched. */
class GeminiFinishReasonsTest {

    private static final GeminiCodec CODEC = GeminiCodec.INSTANCE;

    @Test
    void aBodyTellsItsCandidatesReasonAndAFunctionCallMakesItToolCalls() {
        assertThat(CODEC.finishReasons(GeminiFixtures.bytes(GeminiFixtures.GEMINI, "response.basic.json")))
                .containsExactly(FinishReason.STOP);
        assertThat(CODEC.finishReasons(GeminiFixtures.bytes(GeminiFixtures.GEMINI, "response.tools.json")))
                .containsExactly(FinishReason.TOOL_CALLS);
        assertThat(CODEC.finishReasons(GeminiFixtures.bytes(GeminiFixtures.GEMINI, "response.finish-safety.json")))
                .containsExactly(FinishReason.CONTENT_FILTER);
        assertThat(CODEC.finishReasons(GeminiFixtures.bytes(GeminiFixtures.GEMINI, "response.prompt-blocked.json")))
                .containsExactly(FinishReason.CONTENT_FILTER);
        assertThat(CODEC.finishReasons("{}".getBytes(StandardCharsets.UTF_8))).isEmpty();
    }

    @Test
    void aStreamTellsItInItsLastChunk() {
        GeminiPassThroughWatcher plain = new GeminiPassThroughWatcher(Redactor.patternsOnly());
        GeminiFixtures.parseSse(GeminiFixtures.text(GeminiFixtures.GEMINI, "response.stream.sse"))
                .forEach(plain::observe);
        GeminiPassThroughWatcher tools = new GeminiPassThroughWatcher(Redactor.patternsOnly());
        GeminiFixtures.parseSse(GeminiFixtures.text(GeminiFixtures.GEMINI, "response.tools.stream.sse"))
                .forEach(tools::observe);

        assertThat(plain.finishReasons()).containsExactly(FinishReason.STOP);
        assertThat(tools.finishReasons()).containsExactly(FinishReason.TOOL_CALLS);
    }
}
