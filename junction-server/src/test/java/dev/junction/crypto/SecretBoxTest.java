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
    void sealedValueNamesItsKeyThenBase64urlOfNonceCiphertextAndTag() {
        String sealed = box.seal("sk-123");

        String prefix = "v2:" + box.activeKeyId() + ":";
        assertThat(sealed).startsWith(prefix).doesNotContain("sk-123");
        assertThat(Base64.getUrlDecoder().decode(sealed.substring(prefix.length())))
                .hasSize(12 + "sk-123".length() + 16);
        assertThat(SecretBox.keyIdOf(sealed)).contains(box.activeKeyId());
        assertThat(SecretBox.isSealed(sealed)).isTrue();
        assertThat(SecretBox.isSealed("sk-123")).isFalse();
    }

    @Test
    void samePlaintextSealsDifferentlyEachTime() {
        assertThat(box.seal("sk-123")).isNotEqualTo(box.seal("sk-123"));
    }

    @Test
    void tamperedCiphertextIsRejected() {
        String prefix = "v2:" + box.activeKeyId() + ":";
        byte[] bytes = Base64.getUrlDecoder().decode(box.seal("sk-123").substring(prefix.length()));
        bytes[14] ^= 1;
        String tampered = prefix + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);

        assertThatThrownBy(() -> box.open(tampered))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(KEY_DIFFERS);
    }

    @Test
    void valueSealedUnderAnotherGatewaySecretKeyIsRejectedNamingThatKey() {
        GatewaySecretKey other = TestSecretKeys.random();
        String sealed = new SecretBox(other).seal("sk-123");

        assertThatThrownBy(() -> box.open(sealed))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("cannot decrypt a stored secret: it was encrypted under secret key " + other.fingerprint()
                        + ", which is neither the secret key nor one of the previous secret keys configured");
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

    @Test
    void aValueSealedUnderAPreviousKeyOpensAndIsResealedUnderTheActiveOne() {
        GatewaySecretKey old = TestSecretKeys.random();
        GatewaySecretKey fresh = TestSecretKeys.random();
        String sealedBefore = new SecretBox(old).seal("sk-123", "provider:a");
        SecretBox rotated = new SecretBox(SecretKeyRing.of(fresh, java.util.List.of(old)));

        assertThat(rotated.open(sealedBefore, "provider:a").reveal()).isEqualTo("sk-123");
        String resealed = rotated.reseal(sealedBefore, "provider:a").orElseThrow();
        assertThat(SecretBox.keyIdOf(resealed)).contains(fresh.fingerprint());
        assertThat(new SecretBox(fresh).open(resealed, "provider:a").reveal()).isEqualTo("sk-123");
        assertThat(rotated.reseal(resealed, "provider:a")).as("already under the active key").isEmpty();
        assertThatThrownBy(() -> new SecretBox(fresh).open(sealedBefore, "provider:a"))
                .as("without the previous key it cannot be opened")
                .hasMessageContaining(old.fingerprint()).hasMessageContaining("previous secret keys");
    }

    @Test
    void aValueOfTheFirstFormatOpensUnderWhicheverKeyOfTheRingSealedIt() {
        GatewaySecretKey old = TestSecretKeys.random();
        String v2 = new SecretBox(old).seal("sk-legacy", "provider:a");
        String v1 = "v1:" + v2.substring(("v2:" + old.fingerprint() + ":").length()); // the same bytes, no key id
        SecretBox rotated = new SecretBox(SecretKeyRing.of(TestSecretKeys.random(), java.util.List.of(old)));

        assertThat(SecretBox.keyIdOf(v1)).isEmpty();
        assertThat(rotated.open(v1, "provider:a").reveal()).isEqualTo("sk-legacy");
        assertThat(rotated.reseal(v1, "provider:a")).hasValueSatisfying(v -> assertThat(v).startsWith("v2:"));
        assertThatThrownBy(() -> box.open(v1, "provider:a")).hasMessageContaining(KEY_DIFFERS);
    }
}
