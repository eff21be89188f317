package dev.junction.auth;

import dev.junction.config.GatewayKey;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Checks the key a client presents ({@code Authorization: Bearer …} or {@code X-Api-Key}) against the gateway keys.
 * Keys are held only as SHA-256 digests, and a lookup compares digests, so the time taken does not depend on how
 * much of a wrong key matched. With no key configured, access is open. Immutable and thread safe.
 */
public final class KeyAuthenticator {

    /** The identity of a caller, for logs: the key's name, never the key. */
    public record Caller(String keyName) {
        /** The caller of an open gateway. */
        public static final Caller ANONYMOUS = new Caller("anonymous");
    }

    private final Map<String, String> namesByDigest;

    public KeyAuthenticator(List<GatewayKey> keys) {
        this.namesByDigest = keys.stream().collect(Collectors.toUnmodifiableMap(
                k -> digest(k.key().reveal()), GatewayKey::name, (a, b) -> a));
    }

    /** Whether any key is configured; when not, every request is let in. */
    public boolean enforcing() {
        return !namesByDigest.isEmpty();
    }

    /**
     * @param authorization the {@code Authorization} header, if any
     * @param apiKey the {@code X-Api-Key} header, if any
     * @return the caller, or empty when a key is required and none of the presented ones is valid
     */
    public Optional<Caller> authenticate(String authorization, String apiKey) {
        if (!enforcing()) {
            return Optional.of(Caller.ANONYMOUS);
        }
        return presented(authorization, apiKey).flatMap(this::byKey);
    }

    /** The configured key with this value, by name. */
    public Optional<Caller> byKey(String presented) {
        return Optional.ofNullable(namesByDigest.get(digest(presented))).map(Caller::new);
    }

    /** The key a client presents: the bearer token, else the {@code X-Api-Key} value; empty when neither is there. */
    public static Optional<String> presented(String authorization, String apiKey) {
        String presented = bearer(authorization).orElse(apiKey == null ? null : apiKey.strip());
        return presented == null || presented.isEmpty() ? Optional.empty() : Optional.of(presented);
    }

    private static Optional<String> bearer(String header) {
        if (header == null) {
            return Optional.empty();
        }
        String h = header.strip();
        if (h.length() > 7 && h.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.of(h.substring(7).strip());
        }
        return Optional.empty();
    }

    private static String digest(String key) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
