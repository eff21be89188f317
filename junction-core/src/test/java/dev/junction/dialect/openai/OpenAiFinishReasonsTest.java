package dev.junction.dialect.openai;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.model.FinishReason;
import dev.junction.secret.Redactor;
import org.junit.jupiter.api.Test;

/** Finish reasons on the fast path: read from the bytes of a body or stream relayed untouched. */
class OpenAiFinishReasonsTest {

    @Test
    void aBodyTellsOneReasonPerChoice() {
        assertThat(OpenAiCodec.INSTANCE.finishReasons(OpenAiFixtures.bytes("response.n2.json")))
                .containsExactly(FinishReason.STOP, FinishReason.STOP);
        assertThat(OpenAiCodec.INSTANCE.finishReasons(OpenAiFixtures.bytes("response.tools.json")))
                .containsExactly(FinishReason.TOOL_CALLS);
    }

    @Test
    void aStreamTellsItInItsLastChoiceChunk() {
        OpenAiPassThroughWatcher watcher = new OpenAiPassThroughWatcher(Redactor.patternsOnly());
        OpenAiFixtures.events("response.tools.stream.sse").forEach(watcher::observe);

        assertThat(watcher.finishReasons()).containsExactly(FinishReason.TOOL_CALLS);
    }

    @Test
    void aStreamCutBeforeItsEndTellsNone() {
        OpenAiPassThroughWatcher watcher = new OpenAiPassThroughWatcher(Redactor.patternsOnly());
        OpenAiFixtures.events("response.stream.sse").stream().limit(2).forEach(watcher::observe);

        assertThat(watcher.finishReasons()).isEmpty();
    }
}
