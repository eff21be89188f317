package dev.junction.dialect.responses;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.model.ContentPart;
import dev.junction.model.Dialect;
import dev.junction.model.ThoughtSignature;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ReasoningSealTest {

    @Test
    void thePlainSealOpensWhatItSealedExactly() {
        for (ContentPart.Thinking thinking : new ContentPart.Thinking[] {
                new ContentPart.Thinking("Consider 4k+3 — “primes”.\n", Optional.of(ThoughtSignature.tag(
                        Dialect.ANTHROPIC, "EqQBCgIYAh/+==")), false),
                new ContentPart.Thinking("", Optional.of(ThoughtSignature.tag(Dialect.ANTHROPIC, "redacted-data")),
                        true),
                new ContentPart.Thinking("no signature", Optional.empty(), false)}) {
            assertThat(ReasoningSeal.PLAIN.open(ReasoningSeal.PLAIN.seal(thinking))).hasValue(thinking);
        }
    }

    @Test
    void openAisOwnEncryptedContentAndTamperedValuesDoNotOpen() {
        String sealed = ReasoningSeal.PLAIN.seal(new ContentPart.Thinking("x", Optional.empty(), false));

        assertThat(ReasoningSeal.PLAIN.open("gAAAAABoypT6-EXAMPLE-OPAQUE-BLOB")).isEmpty();
        assertThat(ReasoningSeal.PLAIN.open(sealed.substring(0, sealed.length() - 3) + "!!!")).isEmpty();
        assertThat(ReasoningSeal.PLAIN.open("jn1.plain.e30")).isEmpty();
    }

    @Test
    void sealedThinkingBytesAreJsonThatReadsBackAndRejectsOtherBytes() {
        ContentPart.Thinking thinking = new ContentPart.Thinking("t", Optional.of("jn1.gemini.sig"), false);

        assertThat(SealedThinking.fromBytes(SealedThinking.toBytes(thinking))).hasValue(thinking);
        assertThat(SealedThinking.fromBytes("not json".getBytes(StandardCharsets.UTF_8))).isEmpty();
        assertThat(SealedThinking.fromBytes("{\"text\":1}".getBytes(StandardCharsets.UTF_8))).isEmpty();
    }
}
