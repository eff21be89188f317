package dev.junction.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretKeyRingTest {

    @TempDir
    Path dir;

    @Test
    void theActiveKeyComesFirstAndEveryKeyIsKnownByItsFingerprint() {
        String active = HexFormat.of().formatHex(TestSecretKeys.randomBytes());
        String previous = HexFormat.of().formatHex(TestSecretKeys.randomBytes());

        SecretKeyRing ring = SecretKeyRing.load(Optional.of(active), List.of(previous, active), dir.resolve("k"));

        GatewaySecretKey expectedActive = GatewaySecretKey.of(active, "x");
        GatewaySecretKey expectedPrevious = GatewaySecretKey.of(previous, "x");
        assertThat(ring.activeId()).isEqualTo(expectedActive.fingerprint());
        assertThat(ring.ids()).as("the active key listed again as previous counts once")
                .containsExactly(expectedActive.fingerprint(), expectedPrevious.fingerprint());
        assertThat(ring.byId(expectedPrevious.fingerprint()).orElseThrow().derive("p"))
                .isEqualTo(expectedPrevious.derive("p"));
        assertThat(ring.derive("p")).hasSize(2);
        assertThat(ring.toString()).doesNotContain(active, previous);
        assertThat(dir.resolve("k")).as("a given key needs no key file").doesNotExist();
    }

    @Test
    void aWeakPreviousKeyIsRefusedByItsPlaceWithoutShowingIt() {
        assertThatThrownBy(() -> SecretKeyRing.load(Optional.empty(), List.of("short-secret"), dir.resolve("k")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("previous secret key #1 is too weak")
                .message().doesNotContain("short-secret");
    }

    @Test
    void withoutAGivenKeyTheKeyFileIsTheActiveKeyAndPreviousKeysJoinIt() {
        String previous = HexFormat.of().formatHex(TestSecretKeys.randomBytes());

        SecretKeyRing ring = SecretKeyRing.load(Optional.empty(), List.of(previous), dir.resolve("k"));

        assertThat(ring.generated()).isTrue();
        assertThat(ring.ids()).hasSize(2).last().isEqualTo(GatewaySecretKey.of(previous, "x").fingerprint());
    }
}
