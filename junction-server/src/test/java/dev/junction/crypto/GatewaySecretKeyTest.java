package dev.junction.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

class GatewaySecretKeyTest {

    @TempDir
    Path dir;

    @Test
    void base64KeyFromTheEnvironmentIsUsedAsGiven() throws Exception {
        byte[] key = TestSecretKeys.randomBytes();

        GatewaySecretKey master = GatewaySecretKey.load(Optional.of(Base64.getEncoder().encodeToString(key)), dir.resolve("k"));

        assertThat(master.derive("secrets")).isEqualTo(expectedSubKey(key, "secrets"));
    }

    @Test
    void base64urlKeyWithoutPaddingFromTheEnvironmentIsUsedAsGiven() throws Exception {
        byte[] key = new byte[32];
        Arrays.fill(key, (byte) 0xFB);  // encodes to '-' and '_' in base64url, which plain base64 rejects
        String value = Base64.getUrlEncoder().withoutPadding().encodeToString(key);

        GatewaySecretKey master = GatewaySecretKey.load(Optional.of(value), dir.resolve("k"));

        assertThat(value).contains("-");
        assertThat(master.derive("secrets")).isEqualTo(expectedSubKey(key, "secrets"));
    }

    @Test
    void hexKeyFromTheEnvironmentIsUsedAsGiven() throws Exception {
        byte[] key = TestSecretKeys.randomBytes();

        GatewaySecretKey master = GatewaySecretKey.load(Optional.of(HexFormat.of().withUpperCase().formatHex(key)), dir.resolve("k"));

        assertThat(master.derive("key-hash")).isEqualTo(expectedSubKey(key, "key-hash"));
    }

    @Test
    void longPassphraseIsHashedIntoTheKey() throws Exception {
        String passphrase = "correct horse battery staple, and then some more words";
        byte[] key = MessageDigest.getInstance("SHA-256").digest(passphrase.getBytes(StandardCharsets.UTF_8));

        GatewaySecretKey master = GatewaySecretKey.load(Optional.of(passphrase), dir.resolve("k"));

        assertThat(master.derive("secrets")).isEqualTo(expectedSubKey(key, "secrets"));
    }

    @Test
    void shortPassphraseIsRejectedAsTooWeakWithoutBeingEchoed() {
        String passphrase = "hunter2-is-not-enough";

        assertThatThrownBy(() -> GatewaySecretKey.load(Optional.of(passphrase), dir.resolve("k")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("JUNCTION_SECRET_KEY is too weak")
                .message().doesNotContain(passphrase);
    }

    @Test
    void keyFromTheEnvironmentWritesNoKeyFile() {
        GatewaySecretKey master = GatewaySecretKey.load(Optional.of(HexFormat.of().formatHex(TestSecretKeys.randomBytes())),
                dir.resolve("k"));

        assertThat(master.generated()).isFalse();
        assertThat(dir.resolve("k")).doesNotExist();
    }

    @Test
    void blankEnvironmentValueFallsBackToTheKeyFile() {
        GatewaySecretKey master = GatewaySecretKey.load(Optional.of("  "), dir.resolve("k"));

        assertThat(master.generated()).isTrue();
        assertThat(dir.resolve("k")).exists();
    }

    @Test
    void missingKeyFileIsGeneratedReadableByItsOwnerOnly() throws Exception {
        assumeTrue(dir.getFileSystem().supportedFileAttributeViews().contains("posix"));
        Path file = dir.resolve("secret.key");

        GatewaySecretKey master = GatewaySecretKey.load(Optional.empty(), file);

        assertThat(master.generated()).isTrue();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    }

    @Test
    void generatedKeyFileIsReusedOnTheNextLoad() {
        Path file = dir.resolve("secret.key");
        GatewaySecretKey first = GatewaySecretKey.load(Optional.empty(), file);

        GatewaySecretKey second = GatewaySecretKey.load(Optional.empty(), file);

        assertThat(second.generated()).isFalse();
        assertThat(second.derive("secrets")).isEqualTo(first.derive("secrets"));
        assertThat(second.derive("key-hash")).isEqualTo(first.derive("key-hash"));
    }

    @Test
    void generatedKeyFileLeavesNoTemporaryFileBehind() throws Exception {
        GatewaySecretKey.load(Optional.empty(), dir.resolve("secret.key"));

        try (var files = Files.list(dir)) {
            assertThat(files).containsExactly(dir.resolve("secret.key"));
        }
    }

    @Test
    void missingParentDirectoriesOfTheKeyFileAreCreated() {
        Path file = dir.resolve("a/b/secret.key");

        GatewaySecretKey.load(Optional.empty(), file);

        assertThat(file).isRegularFile();
    }

    @Test
    void creatingAKeyFileThatAnotherProcessCreatedFirstKeepsTheirKey() {
        Path file = dir.resolve("secret.key");
        byte[] theirs = TestSecretKeys.randomBytes();
        assertThat(KeyFile.create(file, theirs)).isEmpty();

        assertThat(KeyFile.create(file, TestSecretKeys.randomBytes())).hasValueSatisfying(
                existing -> assertThat(existing).isEqualTo(theirs));
    }

    @Test
    void keyFileReadableByOthersLoadsWithAWarning() throws Exception {
        assumeTrue(dir.getFileSystem().supportedFileAttributeViews().contains("posix"));
        Path file = dir.resolve("secret.key");
        byte[] key = TestSecretKeys.randomBytes();
        Files.writeString(file, Base64.getEncoder().encodeToString(key) + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        Logger logger = (Logger) LoggerFactory.getLogger(KeyFile.class);
        ListAppender<ILoggingEvent> warnings = new ListAppender<>();
        warnings.start();
        logger.addAppender(warnings);
        try {
            GatewaySecretKey master = GatewaySecretKey.load(Optional.empty(), file);

            assertThat(master.derive("secrets")).isEqualTo(expectedSubKey(key, "secrets"));
            assertThat(warnings.list).anySatisfy(event -> {
                assertThat(event.getLevel()).isEqualTo(Level.WARN);
                assertThat(event.getFormattedMessage()).contains(file.toString(), "rw-r--r--");
            });
        } finally {
            logger.detachAppender(warnings);
        }
    }

    @Test
    void keyFileWithoutAValidKeyIsRejectedNamingTheFile() throws Exception {
        Path file = dir.resolve("secret.key");
        Files.writeString(file, "not a key\n");

        assertThatThrownBy(() -> GatewaySecretKey.load(Optional.empty(), file))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(file.toString());
    }

    @Test
    void differentPurposesDeriveDifferentKeys() {
        GatewaySecretKey master = TestSecretKeys.random();

        assertThat(master.derive("secrets")).hasSize(32).isNotEqualTo(master.derive("key-hash"));
    }

    @Test
    void toStringShowsNoKeyMaterial() {
        byte[] key = TestSecretKeys.randomBytes();
        GatewaySecretKey master = TestSecretKeys.of(key);

        assertThat(master.toString())
                .doesNotContain(HexFormat.of().formatHex(key).substring(0, 8))
                .doesNotContain(Base64.getEncoder().encodeToString(key).substring(0, 8))
                .contains(master.fingerprint());
    }

    private static byte[] expectedSubKey(byte[] key, String purpose) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return mac.doFinal(("junction/" + purpose).getBytes(StandardCharsets.UTF_8));
    }
}
