package dev.junction.extension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a manifest may declare, and what the loader makes of a directory without plugins. */
class ExtensionManifestTest {

    @Test
    void aNameMustBeLowerCaseLettersDigitsAndDashes() {
        assertThatThrownBy(() -> ExtensionManifest.of("Audit Sink", "1", Set.of(Hook.FINISHED)))
                .hasMessageContaining("lower case");
    }

    @Test
    void aManifestNeedsAHook() {
        assertThatThrownBy(() -> ExtensionManifest.of("quiet", "1", Set.of())).hasMessageContaining("no hook");
    }

    @Test
    void aRoutingOrStreamHookCannotBeBlocking() {
        assertThatThrownBy(() -> ExtensionManifest.of("router", "1", Set.of(Hook.ROUTING))
                .withBlocking(Set.of(Hook.ROUTING))).hasMessageContaining("event loop");
        assertThatThrownBy(() -> ExtensionManifest.of("shouter", "1", Set.of(Hook.STREAM_EVENT))
                .withBlocking(Set.of(Hook.STREAM_EVENT))).hasMessageContaining("event loop");
    }

    @Test
    void onlyAnImplementedHookCanBeDeclaredBlocking() {
        assertThatThrownBy(() -> ExtensionManifest.of("audit", "1", Set.of(Hook.REQUEST))
                .withBlocking(Set.of(Hook.FINISHED))).hasMessageContaining("does not implement");
    }

    @Test
    void overridesKeepTheRest() {
        ExtensionManifest m = ExtensionManifest.of("audit", "1.2", Set.of(Hook.FINISHED))
                .withBlocking(Set.of(Hook.FINISHED)).withOrder(7).withTimeout(Duration.ofSeconds(2))
                .withFailureMode(FailureMode.FAIL_CLOSED);

        assertThat(m.order()).isEqualTo(7);
        assertThat(m.timeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(m.failureMode()).isEqualTo(FailureMode.FAIL_CLOSED);
        assertThat(m.blocks(Hook.FINISHED)).isTrue();
        assertThat(m.version()).isEqualTo("1.2");
    }

    @Test
    void labelsReadBothWays() {
        assertThat(Hook.ofLabel("stream-event")).contains(Hook.STREAM_EVENT);
        assertThat(FailureMode.ofLabel("fail-closed")).contains(FailureMode.FAIL_CLOSED);
        assertThat(FailureMode.ofLabel("sometimes")).isEmpty();
    }

    @Test
    void aDirectoryWithoutJarsOrAMissingOneLoadsNothingAndReportsNothing(@TempDir Path dir) throws Exception {
        List<String> problems = new ArrayList<>();
        ExtensionLoader loader = new ExtensionLoader(getClass().getClassLoader());
        Files.writeString(dir.resolve("notes.txt"), "not a jar");

        assertThat(loader.directory(dir, problems::add).extensions()).isEmpty();
        assertThat(loader.directory(dir.resolve("absent"), problems::add).extensions()).isEmpty();
        assertThat(problems).isEmpty();
    }

    @Test
    void aJarThatIsNotAZipLoadsNothing(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("broken.jar"), "not a zip");
        List<String> problems = new ArrayList<>();

        ExtensionLoader.Found found = new ExtensionLoader(getClass().getClassLoader()).directory(dir, problems::add);

        assertThat(found.extensions()).isEmpty();
        found.close();
    }
}
