package dev.junction.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import org.junit.jupiter.api.Test;

class SecretBoxTest {

    private static final String KEY_DIFFERS =
            "cannot decrypt a stored secret: the secret key differs from the one it was encrypted with";

    private final SecretBox box = new SecretBox(TestSecretKeys.random());

    @Test
    void sealedSecretOpensToItsPlaintext() {
        String sealed = box.seal("sk-live-ünïcödé-🔑");

        assertThat(box.open(sealed).reveal()).isEqualTo("sk-live-ünïcödé-🔑");
    }

    @Test
    void sealedValueIsVersionedBase64urlOfNonceCiphertextAndTag() {
        String sealed = box.seal("sk-123");

        assertThat(sealed).startsWith("v1:").doesNotContain("sk-123");
        assertThat(Base64.getUrlDecoder().decode(sealed.substring(3))).hasSize(12 + "sk-123".length() + 16);
    }

    @Test
    void samePlaintextSealsDifferentlyEachTime() {
        assertThat(box.seal("sk-123")).isNotEqualTo(box.seal("sk-123"));
    }

    @Test
    void tamperedCiphertextIsRejected() {
        byte[] bytes = Base64.getUrlDecoder().decode(box.seal("sk-123").substring(3));
        bytes[14] ^= 1;
        String tampered = "v1:" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);

        assertThatThrownBy(() -> box.open(tampered))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(KEY_DIFFERS);
    }

    @Test
    void valueSealedUnderAnotherGatewaySecretKeyIsRejectedWithAClearMessage() {
        String sealed = new SecretBox(TestSecretKeys.random()).seal("sk-123");

        assertThatThrownBy(() -> box.open(sealed))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith(KEY_DIFFERS);
    }

    @Test
    void valueSealedUnderTheSameGatewaySecretKeyOpensInAnotherBox() {
        GatewaySecretKey master = TestSecretKeys.random();

        String sealed = new SecretBox(master).seal("sk-123");

        assertThat(new SecretBox(master).open(sealed).reveal()).isEqualTo("sk-123");
    }

    @Test
    void valueBoundToOneProviderDoesNotOpenForAnother() {
        String sealed = box.seal("sk-123", "provider:a");

        assertThat(box.open(sealed, "provider:a").reveal()).isEqualTo("sk-123");
        assertThatThrownBy(() -> box.open(sealed, "provider:b"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(KEY_DIFFERS);
    }

    @Test
    void valueBoundToAProviderDoesNotOpenWithoutAssociatedData() {
        String sealed = box.seal("sk-123", "provider:a");

        assertThatThrownBy(() -> box.open(sealed)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void valueThatWasNeverSealedIsRejectedWithoutBeingEchoed() {
        assertThatThrownBy(() -> box.open("sk-plaintext-stored-by-mistake"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("not a value sealed by this gateway")
                .message().doesNotContain("sk-plaintext");
    }

    @Test
    void truncatedValueIsRejected() {
        String sealed = box.seal("sk-123");

        assertThatThrownBy(() -> box.open(sealed.substring(0, 20)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("cannot decrypt a stored secret");
    }

    @Test
    void valueWithCharactersOutsideBase64urlIsRejected() {
        assertThatThrownBy(() -> box.open("v1:not base64!"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("not a value sealed by this gateway");
    }
}
