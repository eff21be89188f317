package dev.junction.dialect.gemini;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.model.Dialect;
import dev.junction.model.GatewayError;
import dev.junction.secret.Redactor;
import org.junit.jupiter.api.Test;

class GeminiCodecTest {

    @Test
    void theCodecSpeaksGeminiThroughTheDialectsOwnClasses() {
        GeminiCodec codec = GeminiCodec.INSTANCE;

        assertThat(codec.dialect()).isEqualTo(Dialect.GEMINI);
        assertThat(codec.streamDecoder(Redactor.patternsOnly())).isInstanceOf(GeminiStreamDecoder.class);
        assertThat(codec.passThroughWatcher(Redactor.patternsOnly())).isInstanceOf(GeminiPassThroughWatcher.class);
        assertThat(codec.renderError(new GatewayError.Timeout("late")).at("/error/status").asString())
                .isEqualTo("DEADLINE_EXCEEDED");
        assertThat(codec.responseFromCanonical(codec.responseToCanonical(GeminiFixtures.gemini("response.basic.json")))
                .get("responseId").asString()).isEqualTo("IZI2acSKMoWl0-kPmYj2yQc");
    }
}
