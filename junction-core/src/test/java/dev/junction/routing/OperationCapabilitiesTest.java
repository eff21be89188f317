package dev.junction.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.OptionalInt;
import java.util.Set;
import org.junit.jupiter.api.Test;

class OperationCapabilitiesTest {

    @Test
    void aDeploymentThatSaysNothingServesChatAndEmbeddingsOnly() {
        assertThat(Capabilities.UNKNOWN.serves(OperationKind.CHAT)).isTrue();
        assertThat(Capabilities.UNKNOWN.serves(OperationKind.EMBEDDINGS)).isTrue();
        assertThat(Capabilities.UNKNOWN.fits(RequestFacts.of(OperationKind.IMAGES))).isFalse();
    }

    @Test
    void anImagesOnlyDeploymentTakesNoChat() {
        Capabilities images = new Capabilities(OptionalInt.empty(), true, true, Set.of(OperationKind.IMAGES));

        assertThat(images.fits(RequestFacts.of(OperationKind.IMAGES))).isTrue();
        assertThat(images.fits(new RequestFacts(10, 10, false, false))).isFalse();
    }

    @Test
    void aModelTheClientNamedServesEveryOperation() {
        for (OperationKind kind : OperationKind.values()) {
            assertThat(Capabilities.ANY.serves(kind)).isTrue();
        }
    }

    @Test
    void audioAsACapabilityNamesBothAudioOperations() {
        assertThat(OperationKind.ofCapability("audio"))
                .containsExactlyInAnyOrder(OperationKind.AUDIO_SPEECH, OperationKind.AUDIO_TRANSCRIPTION);
        assertThat(OperationKind.ofCapability("Images")).containsExactly(OperationKind.IMAGES);
        assertThat(OperationKind.ofCapability("video")).isEmpty();
    }
}
