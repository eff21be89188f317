package dev.junction.crypto;

import dev.junction.secret.Secret;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Virtual keys' material: new keys, and the keyed hashes they are stored and looked up by. A key reads {@code jk-}
 * followed by 43 base62 characters (256 bits from {@link SecureRandom}); only its hash, an HMAC-SHA256 under the
 * {@code "key-hash"} sub-key of the {@link GatewaySecretKey}, is stored, so a copy of the database alone does not let anyone
 * test guesses offline. New keys are hashed under the ring's active key, and remember its id; a presented key is
 * hashed under every key of the ring ({@link #hashes}), so that keys made before a rotation keep working while the key
 * they were made under is still a previous key. Immutable and thread safe.
 */
public final class VirtualKeys {

    /** What every virtual key starts with. */
    public static final String PREFIX = "jk-";
    /** Base62 characters after the prefix: 43 × log2(62) ≈ 256.03 bits. */
    static final int BODY_LENGTH = 43;
    private static final int SHOWN = 4;
    private static final String BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    /**
     * A key just made. The plaintext goes to the client once and is never stored.
     *
     * @param plaintext the key itself ({@link Secret} prints as {@code ***})
     * @param displayPrefix what lists show, such as {@code jk-AbCd…WxYz}: 8 of the key's 43 random characters
     * @param hash the keyed hash to store and look the key up by ({@link #hash})
     * @param hashKeyId the id of the secret key the hash was made under
     */
    public record NewKey(Secret plaintext, String displayPrefix, String hash, String hashKeyId) {
    }

    private final SecureRandom random = new SecureRandom();
    /**
     * An HMAC initialised with the hash key, one per thread (every request hashes its key: looking the algorithm up
     * and keying it each time cost more than the hash). Reused after {@code doFinal}, which resets it.
     */
    private final List<ThreadLocal<Mac>> macs;
    private final String activeKeyId;

    /** Key material whose hashes depend on {@code secretKey}; the secret key itself is not kept. */
    public VirtualKeys(GatewaySecretKey secretKey) {
        this(SecretKeyRing.of(secretKey));
    }

    /** Key material hashed under the ring's active key, and recognised under any of its keys. */
    public VirtualKeys(SecretKeyRing ring) {
        this.activeKeyId = ring.activeId();
        this.macs = ring.derive("key-hash").stream().map(VirtualKeys::macs).toList();
    }

    private static ThreadLocal<Mac> macs(byte[] key) {
        SecretKeySpec hashKey = new SecretKeySpec(key, "HmacSHA256");
        return ThreadLocal.withInitial(() -> {
            try {
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(hashKey);
                return mac;
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("HmacSHA256 is missing from this JVM", e);
            }
        });
    }

    /** The id of the secret key new keys are hashed under. */
    public String activeKeyId() {
        return activeKeyId;
    }

    /** A new random key with its display prefix and hash. */
    public NewKey generate() {
        var body = new StringBuilder(BODY_LENGTH);
        for (int i = 0; i < BODY_LENGTH; i++) {
            body.append(BASE62.charAt(random.nextInt(BASE62.length())));  // nextInt(bound) is unbiased
        }
        String key = PREFIX + body;
        String display = PREFIX + body.substring(0, SHOWN) + "…" + body.substring(BODY_LENGTH - SHOWN);
        return new NewKey(Secret.of(key), display, hash(key), activeKeyId);
    }

    /**
     * The keyed hash of a presented key: 64 lowercase hex characters, the same for the same key and secret key. Any
     * string may be hashed; whether it is a known key is a lookup by this value.
     */
    public String hash(String presented) {
        return hash(macs.getFirst(), presented);
    }

    /**
     * The keyed hashes of a presented key under every secret key of the ring, the active key's first: a key made
     * before a rotation is stored under one of the others. One element when the ring has one key.
     */
    public List<String> hashes(String presented) {
        if (macs.size() == 1) {
            return List.of(hash(presented));
        }
        return macs.stream().map(m -> hash(m, presented)).toList();
    }

    private static String hash(ThreadLocal<Mac> mac, String presented) {
        return HexFormat.of().formatHex(mac.get().doFinal(presented.getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * Whether {@code presented} hashes to {@code storedHash}, compared in constant time so that the time taken does not
     * tell how much of a guess was right.
     */
    public boolean matches(String presented, String storedHash) {
        Objects.requireNonNull(storedHash);
        return MessageDigest.isEqual(hash(presented).getBytes(StandardCharsets.US_ASCII),
                storedHash.getBytes(StandardCharsets.US_ASCII));
    }

    /**
     * Whether {@code presented} has the shape of a virtual key ({@code jk-} and 43 base62 characters), so that it is
     * worth looking up among virtual keys. Keys from the configuration may share the prefix, so a key of this shape
     * that is not found there may still be one of them. {@code null} is not a key.
     */
    public static boolean looksLikeVirtualKey(String presented) {
        if (presented == null || presented.length() != PREFIX.length() + BODY_LENGTH
                || !presented.startsWith(PREFIX)) {
            return false;
        }
        for (int i = PREFIX.length(); i < presented.length(); i++) {
            if (BASE62.indexOf(presented.charAt(i)) < 0) {
                return false;
            }
        }
        return true;
    }
}
