package dev.junction.dialect.responses;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.model.FinishReason;
import dev.junction.secret.Redactor;
import org.junit.jupiter.api.Test;

/** Finish reasons on the fast path: read from a body or stream relayed untouched. */
class ResponsesFinishReasonsTest {

    private static final ResponsesCodec CODEC = ResponsesCodec.INSTANCE;

    @Test
    void aBodyTellsItByItsStatus() {
        assertThat(CODEC.finishReasons(ResponsesFixtures.bytes("response.basic.json")))
                .containsExactly(FinishReason.STOP);
        assertThat(CODEC.finishReasons(ResponsesFixtures.bytes("response.tools.json")))
                .containsExactly(FinishReason.TOOL_CALLS);
        assertThat(CODEC.finishReasons(ResponsesFixtures.bytes("response.incomplete.json")))
                .containsExactly(FinishReason.LENGTH);
    }

    @Test
    void aStreamTellsItInItsTerminalEvent() {
        ResponsesPassThroughWatcher plain = new ResponsesPassThroughWatcher(Redactor.patternsOnly());
        ResponsesFixtures.events("response.stream.sse").forEach(plain::observe);
        ResponsesPassThroughWatcher tools = new ResponsesPassThroughWatcher(Redactor.patternsOnly());
        ResponsesFixtures.events("response.tools.stream.sse").forEach(tools::observe);

        assertThat(plain.finishReasons()).containsExactly(FinishReason.STOP);
        assertThat(tools.finishReasons()).containsExactly(FinishReason.TOOL_CALLS);
    }
}
