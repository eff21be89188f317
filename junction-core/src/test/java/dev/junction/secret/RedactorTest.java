package dev.junction.secret;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RedactorTest {

    @Test
    void exactSecretIsMaskedWhereverItAppears() {
        Redactor redactor = Redactor.of(List.of(Secret.of("hunter2-internal")));

        assertThat(redactor.redact("the key hunter2-internal was refused (hunter2-internal)"))
                .isEqualTo("the key [redacted] was refused ([redacted])");
    }

    @Test
    void secretContainingAnotherSecretIsMaskedWhole() {
        Redactor redactor = Redactor.of(List.of(Secret.of("abcd"), Secret.of("abcdefgh-longer")));

        assertThat(redactor.redact("got abcdefgh-longer")).isEqualTo("got [redacted]");
    }

    @Test
    void secretsShorterThanFourCharactersAreNotMaskedToAvoidMaskingOrdinaryText() {
        Redactor redactor = Redactor.of(List.of(Secret.of("a")));

        assertThat(redactor.redact("a banana")).isEqualTo("a banana");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "sk-proj-AbCdEfGhIjKlMnOpQrStUvWx1234",
            "sk-ant-api03-abcdefghijklmnopqrstuvwxyz",
            "gsk-abcdefghijklmnop1234",
            "xai-abcdefghijklmnop1234",
            "AIzaSyA1234567890abcdefghijklmnopqrstu",
            "Bearer abcdefghijklmnop.1234",
            "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U"
    })
    void keyShapedTokensAreMasked(String key) {
        String redacted = Redactor.patternsOnly().redact("Incorrect API key provided: " + key + " (check it)");

        assertThat(redacted).isEqualTo("Incorrect API key provided: [redacted] (check it)");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "The server had an error while processing your request. Sorry about that!",
            "Rate limit reached for gpt-4.1 in organization org-abc on tokens per min (TPM): Limit 30000.",
            "The model `gpt-4.1-nano-wrong` does not exist or you do not have access to it.",
            "Use a task-specific-instruction and a risk-assessment-framework.",
            "A network-connection-reset happened; see the desk-reference-manual.",
            "It's 18°C and cloudy in Paris."
    })
    void ordinaryTextIsUntouched(String text) {
        assertThat(Redactor.patternsOnly().redact(text)).isEqualTo(text);
    }

    @Test
    void nullAndEmptyTextPassThrough() {
        assertThat(Redactor.patternsOnly().redact(null)).isNull();
        assertThat(Redactor.patternsOnly().redact("")).isEmpty();
    }

    @Test
    void secretPrintsAsStars() {
        Secret secret = Secret.of("sk-live-1234567890");

        assertThat(secret.toString()).isEqualTo("***");
        assertThat("key=" + secret).isEqualTo("key=***");
        assertThat(secret.reveal()).isEqualTo("sk-live-1234567890");
    }

    @Test
    void secretsWithTheSameValueAreEqual() {
        assertThat(Secret.of("abc")).isEqualTo(Secret.of("abc")).hasSameHashCodeAs(Secret.of("abc"));
        assertThat(Secret.of("abc")).isNotEqualTo(Secret.of("abd"));
    }
}
