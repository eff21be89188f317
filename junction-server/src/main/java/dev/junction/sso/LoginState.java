package dev.junction.sso;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The sign-in in flight between sending the browser to the issuer and its return: the {@code state}, the
 * {@code nonce} and the PKCE code verifier. They travel in a short-lived cookie of their own, signed with a sub-key
 * of the gateway's secret key, so any replica can finish a sign-in another one started and nothing is stored
 * server-side. The callback's {@code state} must equal the cookie's (compared in constant time). Thread safe.
 */
public final class LoginState {

    /** The cookie that carries the sign-in in flight. */
    public static final String COOKIE = "junction_sso";
    /** How long a sign-in at the issuer may take. */
    public static final Duration LIFETIME = Duration.ofMinutes(10);
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Pattern VALUE = Pattern.compile("[A-Za-z0-9_-]{43}\\.[A-Za-z0-9_-]{43}\\.[A-Za-z0-9_-]{43}"
            + "\\.[0-9]{1,19}\\.[A-Za-z0-9_-]{43}");

    private final List<SecretKeySpec> keys;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    /**
     * @param keys the signing keys (the {@code sso-login-state} sub-key of each secret key): the first signs, any of
     *     them verifies, so a sign-in started before a rotation finishes after it
     */
    public LoginState(List<byte[]> keys, Clock clock) {
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("a login state needs a key");
        }
        this.keys = keys.stream().map(k -> new SecretKeySpec(k, "HmacSHA256")).toList();
        this.clock = clock;
    }

    /**
     * One sign-in's values.
     *
     * @param verifier the PKCE code verifier (its S256 digest goes to the issuer)
     */
    public record Pending(String state, String nonce, String verifier, Instant expiresAt) {

        /** The PKCE challenge: the verifier's SHA-256, base64url. */
        public String codeChallenge() {
            try {
                return B64.encodeToString(MessageDigest.getInstance("SHA-256")
                        .digest(verifier.getBytes(StandardCharsets.US_ASCII)));
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("SHA-256 is missing from this JVM", e);
            }
        }

        @Override
        public String toString() {
            return "Pending[expiresAt=" + expiresAt + "]";
        }
    }

    /** A new sign-in's values. */
    public Pending start() {
        return new Pending(randomValue(), randomValue(), randomValue(), clock.instant().plus(LIFETIME));
    }

    /** The cookie value of a sign-in. */
    public String seal(Pending p) {
        String body = p.state() + "." + p.nonce() + "." + p.verifier() + "." + p.expiresAt().getEpochSecond();
        return body + "." + B64.encodeToString(mac(keys.getFirst(), body));
    }

    /**
     * The sign-in this cookie carries, when it is this gateway's, not over, and the callback's state is its own.
     */
    public Optional<Pending> open(String cookie, String state) {
        if (cookie == null || state == null || !VALUE.matcher(cookie).matches()) {
            return Optional.empty();
        }
        int lastDot = cookie.lastIndexOf('.');
        String body = cookie.substring(0, lastDot);
        byte[] presented = Base64.getUrlDecoder().decode(cookie.substring(lastDot + 1));
        if (keys.stream().noneMatch(key -> MessageDigest.isEqual(presented, mac(key, body)))) {
            return Optional.empty();
        }
        String[] parts = body.split("\\.");
        Instant expires;
        try {
            expires = Instant.ofEpochSecond(Long.parseLong(parts[3]));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
        if (!clock.instant().isBefore(expires) || !MessageDigest.isEqual(parts[0].getBytes(StandardCharsets.US_ASCII),
                state.getBytes(StandardCharsets.US_ASCII))) {
            return Optional.empty();
        }
        return Optional.of(new Pending(parts[0], parts[1], parts[2], expires));
    }

    private String randomValue() {
        byte[] raw = new byte[32];
        random.nextBytes(raw);
        return B64.encodeToString(raw);
    }

    private static byte[] mac(SecretKeySpec key, String value) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac.doFinal(value.getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this JVM", e);
        }
    }
}
