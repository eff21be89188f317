package dev.junction.rbac;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Console users' passwords, hashed with Argon2id (Bouncy Castle's pure-Java generator) and written in the PHC string
 * format ({@code $argon2id$v=19$m=19456,t=2,p=1$<salt>$<hash>}, OWASP's minimum parameters), so that the parameters
 * travel with each hash and can be raised later without breaking stored ones. Hashing takes tens of milliseconds and
 * about 19 MiB: call it on a worker or database thread, never on an event loop. Thread safe.
 */
public final class Passwords {

    /** The shortest password accepted. */
    public static final int MIN_LENGTH = 12;
    /** The longest password accepted (a bound on the work an unauthenticated sign-in can cause). */
    public static final int MAX_LENGTH = 256;

    private static final int MEMORY_KIB = 19 * 1024;
    private static final int ITERATIONS = 2;
    private static final int PARALLELISM = 1;
    private static final int SALT_BYTES = 16;
    private static final int HASH_BYTES = 32;
    private static final Pattern PHC = Pattern.compile(
            "\\$argon2id\\$v=19\\$m=(\\d{1,7}),t=(\\d{1,3}),p=(\\d{1,2})\\$([A-Za-z0-9+/]+)\\$([A-Za-z0-9+/]+)");
    private static final Base64.Encoder B64 = Base64.getEncoder().withoutPadding();
    private static final Base64.Decoder B64_IN = Base64.getDecoder();
    private static final SecureRandom RANDOM = new SecureRandom();
    /** A hash to verify against when there is no user, so that an unknown e-mail takes as long as a wrong password. */
    private static final String DECOY = hash("decoy password that matches nothing");

    private Passwords() {}

    /** Why a new password is refused, if it is. */
    public static Optional<String> problem(String password) {
        if (password.length() < MIN_LENGTH) {
            return Optional.of("a password needs at least " + MIN_LENGTH + " characters");
        }
        if (password.length() > MAX_LENGTH) {
            return Optional.of("a password has at most " + MAX_LENGTH + " characters");
        }
        return Optional.empty();
    }

    /** The PHC string of a new hash of this password, with a fresh salt. */
    public static String hash(String password) {
        byte[] salt = new byte[SALT_BYTES];
        RANDOM.nextBytes(salt);
        byte[] hash = derive(password, salt, MEMORY_KIB, ITERATIONS, PARALLELISM, HASH_BYTES);
        return "$argon2id$v=19$m=" + MEMORY_KIB + ",t=" + ITERATIONS + ",p=" + PARALLELISM + "$"
                + B64.encodeToString(salt) + "$" + B64.encodeToString(hash);
    }

    /**
     * Whether the password matches the stored hash (compared in constant time). A malformed or absent hash matches
     * nothing, after the same work as a real check.
     */
    public static boolean verify(String password, Optional<String> stored) {
        if (password.length() > MAX_LENGTH) {
            return false;
        }
        Matcher m = PHC.matcher(stored.orElse(DECOY));
        if (stored.isEmpty() || !m.matches()) {
            verify(password, Optional.of(DECOY));
            return false;
        }
        byte[] salt = B64_IN.decode(m.group(4));
        byte[] expected = B64_IN.decode(m.group(5));
        byte[] actual = derive(password, salt, Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                Integer.parseInt(m.group(3)), expected.length);
        return MessageDigest.isEqual(expected, actual);
    }

    private static byte[] derive(String password, byte[] salt, int memoryKib, int iterations, int parallelism,
                                 int length) {
        Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id).withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withMemoryAsKB(memoryKib).withIterations(iterations).withParallelism(parallelism).withSalt(salt)
                .build());
        byte[] out = new byte[length];
        generator.generateBytes(password.getBytes(StandardCharsets.UTF_8), out);
        return out;
    }
}
