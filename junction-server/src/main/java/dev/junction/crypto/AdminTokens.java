package dev.junction.crypto;

import dev.junction.secret.Secret;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Service accounts' admin API tokens: {@code jsa-} and 43 base62 characters (256 random bits), shown once; the store
 * keeps an HMAC-SHA256 under the {@code "admin-token-hash"} sub-key of the {@link GatewaySecretKey} (a database copy
 * alone does not let anyone test guesses) and a display prefix. New tokens are hashed under the ring's active key and
 * remember its id; a presented token is hashed under every key ({@link #hashes}), so tokens made before a rotation
 * keep working while their key is a previous key. Thread safe.
 */
public final class AdminTokens {

    /** What every service account token starts with (it tells a reader what the token is). */
    public static final String PREFIX = "jsa-";
    private static final int BODY_LENGTH = 43;
    private static final int SHOWN = 4;
    private static final String BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    /**
     * A token just made.
     *
     * @param plaintext the token, for its one showing
     * @param displayPrefix what lists show, such as {@code jsa-AbCd…WxYz}
     * @param hash what the store keeps and looks the token up by
     * @param hashKeyId the id of the secret key the hash was made under
     */
    public record NewToken(Secret plaintext, String displayPrefix, String hash, String hashKeyId) {
    }

    /** The sub-key purpose the hashes are made under. */
    static final String PURPOSE = "admin-token-hash";

    private final List<SecretKeySpec> hashKeys;
    private final String activeKeyId;
    private final SecureRandom random = new SecureRandom();

    /** Tokens hashed under the ring's active key and recognised under any of its keys. */
    public AdminTokens(SecretKeyRing ring) {
        this.hashKeys = ring.derive(PURPOSE).stream().map(k -> new SecretKeySpec(k, "HmacSHA256")).toList();
        this.activeKeyId = ring.activeId();
    }

    /** A new random token. */
    public NewToken generate() {
        StringBuilder body = new StringBuilder(BODY_LENGTH);
        for (int i = 0; i < BODY_LENGTH; i++) {
            body.append(BASE62.charAt(random.nextInt(BASE62.length())));
        }
        String token = PREFIX + body;
        return new NewToken(Secret.of(token), PREFIX + body.substring(0, SHOWN) + "…"
                + body.substring(BODY_LENGTH - SHOWN), hash(token), activeKeyId);
    }

    /** Whether a presented credential has the shape of a service account token. */
    public static boolean looksLikeToken(String presented) {
        return presented != null && presented.startsWith(PREFIX) && presented.length() == PREFIX.length() + BODY_LENGTH
                && presented.substring(PREFIX.length()).chars().allMatch(c -> BASE62.indexOf(c) >= 0);
    }

    /** The keyed hash of a presented token under the active key (64 hex characters). */
    public String hash(String presented) {
        return hash(hashKeys.getFirst(), presented);
    }

    /** The keyed hashes of a presented token under every key of the ring, the active key's first. */
    public List<String> hashes(String presented) {
        return hashKeys.stream().map(k -> hash(k, presented)).toList();
    }

    private static String hash(SecretKeySpec hashKey, String presented) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(hashKey);
            return HexFormat.of().formatHex(mac.doFinal(presented.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this JVM", e);
        }
    }
}
