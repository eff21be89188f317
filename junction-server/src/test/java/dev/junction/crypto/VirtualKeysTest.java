package dev.junction.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class VirtualKeysTest {

    private final GatewaySecretKey master = TestSecretKeys.random();
    private final VirtualKeys keys = new VirtualKeys(master);

    @Test
    void generatedKeyIsThePrefixAnd43Base62Characters() {
        String key = keys.generate().plaintext().reveal();

        assertThat(key).matches("jk-[0-9A-Za-z]{43}");
        assertThat(VirtualKeys.looksLikeVirtualKey(key)).isTrue();
    }

    @Test
    void tenThousandGeneratedKeysAreUnique() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            seen.add(keys.generate().plaintext().reveal());
        }

        assertThat(seen).hasSize(10_000);
    }

    @Test
    void generatedKeyCarriesTheHashOfItsPlaintext() {
        VirtualKeys.NewKey key = keys.generate();

        assertThat(key.hash()).isEqualTo(keys.hash(key.plaintext().reveal())).matches("[0-9a-f]{64}");
    }

    @Test
    void hashIsStableForTheSameGatewaySecretKey() {
        String key = keys.generate().plaintext().reveal();

        assertThat(new VirtualKeys(master).hash(key)).isEqualTo(keys.hash(key));
    }

    @Test
    void hashDiffersAcrossGatewaySecretKeys() {
        String key = keys.generate().plaintext().reveal();

        assertThat(new VirtualKeys(TestSecretKeys.random()).hash(key)).isNotEqualTo(keys.hash(key));
    }

    @Test
    void displayPrefixShowsOnlyTheFirstAndLastFourCharacters() {
        VirtualKeys.NewKey key = keys.generate();
        String body = key.plaintext().reveal().substring(3);

        assertThat(key.displayPrefix()).isEqualTo("jk-" + body.substring(0, 4) + "…" + body.substring(39));
        assertThat(key.displayPrefix().substring(3).replace("…", "")).hasSizeLessThanOrEqualTo(8);
    }

    @Test
    void newKeyToStringDoesNotContainThePlaintext() {
        VirtualKeys.NewKey key = keys.generate();

        assertThat(key.toString()).doesNotContain(key.plaintext().reveal().substring(3));
    }

    @Test
    void matchesAcceptsTheKeyOfAStoredHashOnly() {
        VirtualKeys.NewKey key = keys.generate();
        String other = keys.generate().plaintext().reveal();

        assertThat(keys.matches(key.plaintext().reveal(), key.hash())).isTrue();
        assertThat(keys.matches(other, key.hash())).isFalse();
    }

    @Test
    void stringsOfAnotherShapeDoNotLookLikeVirtualKeys() {
        String body = "a".repeat(43);

        assertThat(VirtualKeys.looksLikeVirtualKey(null)).isFalse();
        assertThat(VirtualKeys.looksLikeVirtualKey("jk-aaaaaaaaaaaaaaaa")).isFalse();
        assertThat(VirtualKeys.looksLikeVirtualKey("sk-" + body)).isFalse();
        assertThat(VirtualKeys.looksLikeVirtualKey("jk-" + body + "a")).isFalse();
        assertThat(VirtualKeys.looksLikeVirtualKey("jk-" + body.substring(1) + "-")).isFalse();
        assertThat(VirtualKeys.looksLikeVirtualKey("jk-" + body)).isTrue();
    }

    @Test
    void aKeyMadeBeforeARotationIsFoundByItsHashUnderThePreviousKey() {
        VirtualKeys.NewKey before = keys.generate();
        GatewaySecretKey fresh = TestSecretKeys.random();
        VirtualKeys rotated = new VirtualKeys(SecretKeyRing.of(fresh, java.util.List.of(master)));

        String presented = before.plaintext().reveal();
        assertThat(before.hashKeyId()).isEqualTo(master.fingerprint());
        assertThat(rotated.hashes(presented)).containsExactly(new VirtualKeys(fresh).hash(presented), before.hash());
        assertThat(rotated.generate().hashKeyId()).isEqualTo(fresh.fingerprint());
        assertThat(rotated.hash(presented)).as("new hashes are the active key's").isNotEqualTo(before.hash());
    }
}
