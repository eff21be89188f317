package dev.junction.crypto;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The gateway's 256-bit secret key, from which every other key is derived ({@link #derive}). Not to be confused with
 * {@code JUNCTION_MASTER_KEY}, which is an API key clients present; this one never leaves the process.
 *
 * <p>Losing it makes stored provider secrets undecryptable and every virtual key invalid, so it is taken from
 * {@code JUNCTION_SECRET_KEY} or else persisted in a key file the operator backs up. Neither {@link #toString()} nor
 * any message of this class shows key material. Immutable and thread safe.
 */
public final class GatewaySecretKey {

    /** Key length in bytes: AES-256 and HMAC-SHA256 both want 32. */
    static final int LENGTH = 32;
    /** Shorter passphrases are rejected: hashing cannot add entropy a short string lacks. */
    static final int MIN_PASSPHRASE_LENGTH = 32;
    static final String ENV = "JUNCTION_SECRET_KEY";

    private final byte[] key;
    private final boolean generated;

    private GatewaySecretKey(byte[] key, boolean generated) {
        this.key = key.clone();
        this.generated = generated;
    }

    /**
     * Loads the key: from {@code fromEnv} when present and not blank, else from {@code keyFile}, which is created with
     * a new random key (owner read/write only) when missing.
     *
     * @param fromEnv the value of {@code JUNCTION_SECRET_KEY}: 32 bytes as base64 or base64url, 64 hex characters, or
     *     a passphrase of at least 32 characters (hashed with SHA-256); a blank value counts as absent
     * @param keyFile where the key is kept when no value is given; read only when {@code fromEnv} is absent
     * @throws IllegalStateException when the value is too weak, or the key file cannot be read, written or parsed; the
     *     message is meant for the operator and never contains the key
     */
    public static GatewaySecretKey load(Optional<String> fromEnv, Path keyFile) {
        Objects.requireNonNull(keyFile);
        Optional<String> given = fromEnv.map(String::strip).filter(v -> !v.isEmpty());
        if (given.isPresent()) {
            return new GatewaySecretKey(fromValue(given.get()), false);
        }
        Optional<byte[]> stored = KeyFile.read(keyFile);
        if (stored.isPresent()) {
            return new GatewaySecretKey(stored.get(), false);
        }
        byte[] fresh = new byte[LENGTH];
        new SecureRandom().nextBytes(fresh);
        // Another replica may have created the file first; then its key wins, so that both use the same one.
        return KeyFile.create(keyFile, fresh)
                .map(theirs -> new GatewaySecretKey(theirs, false))
                .orElseGet(() -> new GatewaySecretKey(fresh, true));
    }

    /** Whether {@link #load} generated this key and wrote it to the key file just now: the operator must back it up. */
    public boolean generated() {
        return generated;
    }

    /**
     * A sub-key for one purpose: HMAC-SHA256 of {@code "junction/" + purpose} under this key, so that keys for
     * different uses are independent and none of them reveals this one.
     *
     * @param purpose what the sub-key is for, such as {@code "secrets"} or {@code "key-hash"} ({@code "fingerprint"}
     *     is taken by {@link #fingerprint()})
     * @return 32 bytes in a new array the caller owns
     */
    public byte[] derive(String purpose) {
        if (purpose.isBlank()) {
            throw new IllegalArgumentException("a sub-key needs a purpose");
        }
        return hmac(key, ("junction/" + purpose).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * A short public identifier of this key (12 hex characters of a derived value), for logs that must tell whether
     * two replicas use the same key; it reveals nothing usable about the key. It is also the key's id in a
     * {@link SecretKeyRing}: sealed values and hashes name the key they were made under by it.
     */
    public String fingerprint() {
        return HexFormat.of().formatHex(derive("fingerprint"), 0, 6);
    }

    /**
     * Parses a key given as configuration ({@code previous_secret_keys}): the same forms as {@code JUNCTION_SECRET_KEY}.
     *
     * @param name how the operator knows the value, for the message when it is too weak
     * @throws IllegalStateException when the value is too weak; the message never contains it
     */
    public static GatewaySecretKey of(String value, String name) {
        try {
            return new GatewaySecretKey(fromValue(value.strip()), false);
        } catch (IllegalStateException weak) {
            throw new IllegalStateException(weak.getMessage().replace(ENV, name), null);
        }
    }

    @Override
    public String toString() {
        return "GatewaySecretKey[fingerprint=" + fingerprint() + "]";
    }

    /** Parses a key written as base64, base64url or hex; empty when the text is none of them or not 32 bytes. */
    static Optional<byte[]> decode(String text) {
        if (text.length() == 2 * LENGTH && text.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
            return Optional.of(HexFormat.of().parseHex(text));
        }
        return decodeBase64(Base64.getDecoder(), text).or(() -> decodeBase64(Base64.getUrlDecoder(), text));
    }

    private static Optional<byte[]> decodeBase64(Base64.Decoder decoder, String text) {
        try {
            return Optional.of(decoder.decode(text)).filter(bytes -> bytes.length == LENGTH);
        } catch (IllegalArgumentException notThisAlphabet) {
            return Optional.empty();
        }
    }

    private static byte[] fromValue(String value) {
        Optional<byte[]> exact = decode(value);
        if (exact.isPresent()) {
            return exact.get();
        }
        if (value.codePointCount(0, value.length()) < MIN_PASSPHRASE_LENGTH) {
            throw new IllegalStateException(ENV + " is too weak: give 32 random bytes as base64 or 64 hex characters"
                    + " (for example the output of `openssl rand -base64 32`), or a passphrase of at least "
                    + MIN_PASSPHRASE_LENGTH + " characters");
        }
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    static byte[] hmac(byte[] key, byte[] message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(message);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this JVM", e);
        }
    }
}
