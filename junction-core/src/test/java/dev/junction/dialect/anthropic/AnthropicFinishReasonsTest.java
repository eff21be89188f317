package dev.junction.dialect.anthropic;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.model.FinishReason;
import dev.junction.secret.Redactor;
import org.junit.jupiter.api.Test;

/** Finish reasons on the fast path: read from the bytes of a body or stream relayed untouched. */
class AnthropicFinishReasonsTest {

    @Test
    void aBodyTellsItsStopReason() {
        AnthropicCodec codec = AnthropicCodec.INSTANCE;

        assertThat(codec.finishReasons(AnthropicFixtures.bytes(AnthropicFixtures.ANTHROPIC, "response.tools.json")))
                .containsExactly(FinishReason.TOOL_CALLS);
        assertThat(codec.finishReasons(AnthropicFixtures.bytes(AnthropicFixtures.ANTHROPIC, "response.basic.json")))
                .containsExactly(FinishReason.STOP);
    }

    @Test
    void aStreamTellsItInItsMessageDelta() {
        AnthropicPassThroughWatcher watcher = new AnthropicPassThroughWatcher(Redactor.patternsOnly());
        AnthropicFixtures.events(AnthropicFixtures.ANTHROPIC, "response.tools.stream.sse").forEach(watcher::observe);

        assertThat(watcher.finishReasons()).containsExactly(FinishReason.TOOL_CALLS);
    }
}
