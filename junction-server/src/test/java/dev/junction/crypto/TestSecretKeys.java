package dev.junction.crypto;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;

/** Secret keys for tests, given as if from the environment so that no key file is involved. */
final class TestSecretKeys {

    private static final SecureRandom RANDOM = new SecureRandom();

    private TestSecretKeys() {
    }

    static byte[] randomBytes() {
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        return key;
    }

    static GatewaySecretKey random() {
        return of(randomBytes());
    }

    static GatewaySecretKey of(byte[] key) {
        return GatewaySecretKey.load(Optional.of(HexFormat.of().formatHex(key)), Path.of("never-read.key"));
    }
}
