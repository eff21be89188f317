package dev.junction.session;

import dev.junction.config.ConsoleSettings;
import dev.junction.config.GatewayKey;
import dev.junction.store.ConsoleSessionRepository;
import dev.junction.store.Database;
import dev.junction.store.StoredConsoleSession;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Opens, resumes and ends console sessions. A session's token is 32 random bytes (base64url) that only the
 * browser's cookie holds; the store keeps its SHA-256. The session remembers which admin key opened it by a keyed
 * fingerprint, and is only resumed while the configuration still has that key under that name; a console user's
 * session names the principal instead, whose standing the admin API checks on every call. Store work runs on
 * the database's threads; thread safe.
 */
public final class ConsoleSessions {

    /** The cookie that carries the token. */
    public static final String COOKIE = "junction_session";
    /** Sessions record their last call at most this often. */
    private static final Duration TOUCH_EVERY = Duration.ofMinutes(1);
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]{43}");
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    private final Database database;
    private final ConsoleSessionRepository store;
    private final Supplier<ConsoleSettings> settings;
    private final Clock clock;
    /** The sub-keys under every secret key, the active one first: new values use the first, checks accept any. */
    private final List<SecretKeySpec> fingerprintKeys;
    private final List<SecretKeySpec> csrfKeys;
    private final SecureRandom random = new SecureRandom();

    /**
     * @param settings the session settings in force (read per call)
     * @param subKeys sub-keys of the gateway's secret keys, by purpose, the active key's first
     */
    public ConsoleSessions(Database database, ConsoleSessionRepository store, Supplier<ConsoleSettings> settings,
                           Clock clock, Function<String, List<byte[]>> subKeys) {
        this.database = database;
        this.store = store;
        this.settings = settings;
        this.clock = clock;
        this.fingerprintKeys = specs(subKeys.apply("console-admin-key"));
        this.csrfKeys = specs(subKeys.apply("console-csrf"));
    }

    /** A new session's token (for the cookie) and what the browser may know of it. */
    public record Opened(String token, ConsoleSession session) {
        @Override
        public String toString() {
            return "Opened[session=" + session + "]";
        }
    }

    /**
     * Opens a session for the admin key of this name and value (already checked by the caller), and removes the
     * sessions that are over.
     */
    public CompletableFuture<Opened> open(String actor, String adminKey) {
        return open(actor, fingerprint(fingerprintKeys.getFirst(), adminKey), Optional.empty());
    }

    /**
     * Opens a session for a console user whose password (or single sign-on) the caller checked. It lasts while the
     * user exists and is enabled; the caller checks that on each resume.
     *
     * @param actor the name the audit trail records
     */
    public CompletableFuture<Opened> openForPrincipal(String actor, String principalId) {
        return open(actor, "", Optional.of(principalId));
    }

    private CompletableFuture<Opened> open(String actor, String fingerprint, Optional<String> principalId) {
        byte[] raw = new byte[32];
        random.nextBytes(raw);
        String token = BASE64URL.encodeToString(raw);
        Instant now = clock.instant();
        ConsoleSettings current = settings.get();
        StoredConsoleSession stored = new StoredConsoleSession(digest(token), actor, fingerprint, now, now,
                now.plus(current.maxAge()), principalId);
        return database.call(() -> {
            store.deleteEnded(now, now.minus(current.idleTimeout()));
            store.insert(stored);
            return new Opened(token, view(token, stored, now));
        });
    }

    /**
     * The live session of this token: empty when there is none, it is over, or the admin key that opened it is no
     * longer configured under its name. A resumed session counts as used now.
     *
     * @param adminKeys the admin keys configured now
     */
    public CompletableFuture<Optional<ConsoleSession>> resume(String token, List<GatewayKey> adminKeys) {
        if (token == null || !TOKEN.matcher(token).matches()) {
            return CompletableFuture.completedFuture(Optional.empty());
        }
        String hash = digest(token);
        return database.call(() -> {
            Optional<StoredConsoleSession> found = store.find(hash);
            if (found.isEmpty()) {
                return Optional.empty();
            }
            StoredConsoleSession s = found.get();
            Instant now = clock.instant();
            boolean over = !now.isBefore(s.expiresAt())
                    || !now.isBefore(s.lastSeenAt().plus(settings.get().idleTimeout()));
            if (over || (s.principalId().isEmpty() && !keyStillThere(s, adminKeys))) {
                store.delete(hash);
                return Optional.empty();
            }
            if (!now.isBefore(s.lastSeenAt().plus(TOUCH_EVERY))) {
                store.touch(hash, now);
            }
            return Optional.of(view(token, s, now));
        });
    }

    /**
     * Ends the session of this token.
     *
     * @return whether there was one
     */
    public CompletableFuture<Boolean> close(String token) {
        if (token == null || !TOKEN.matcher(token).matches()) {
            return CompletableFuture.completedFuture(false);
        }
        String hash = digest(token);
        return database.call(() -> store.delete(hash));
    }

    /** Whether the browser's CSRF header belongs to this session token (compared in constant time). */
    public boolean csrfMatches(String token, String presented) {
        if (presented == null || token == null) {
            return false;
        }
        byte[] given = presented.strip().getBytes(StandardCharsets.US_ASCII);
        return csrfKeys.stream().anyMatch(key -> MessageDigest.isEqual(csrf(key, token)
                .getBytes(StandardCharsets.US_ASCII), given));
    }

    /** The settings sessions run with. */
    public ConsoleSettings settings() {
        return settings.get();
    }

    private boolean keyStillThere(StoredConsoleSession s, List<GatewayKey> adminKeys) {
        byte[] expected = s.keyFingerprint().getBytes(StandardCharsets.US_ASCII);
        return adminKeys.stream().filter(k -> k.name().equals(s.actor())).anyMatch(k -> fingerprintKeys.stream()
                .anyMatch(key -> MessageDigest.isEqual(expected, fingerprint(key, k.key().reveal())
                        .getBytes(StandardCharsets.US_ASCII))));
    }

    private ConsoleSession view(String token, StoredConsoleSession s, Instant now) {
        Instant idleEnd = now.plus(settings.get().idleTimeout());
        return new ConsoleSession(s.actor(), csrf(csrfKeys.getFirst(), token), s.createdAt(),
                idleEnd.isAfter(s.expiresAt()) ? s.expiresAt() : idleEnd, s.expiresAt(), s.principalId());
    }

    private static List<SecretKeySpec> specs(List<byte[]> keys) {
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("console sessions need a secret key");
        }
        return keys.stream().map(k -> new SecretKeySpec(k, "HmacSHA256")).toList();
    }

    private static String fingerprint(SecretKeySpec key, String adminKey) {
        return HexFormat.of().formatHex(hmac(key, adminKey));
    }

    private static String csrf(SecretKeySpec key, String token) {
        return BASE64URL.encodeToString(hmac(key, token));
    }

    private static byte[] hmac(SecretKeySpec key, String value) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac.doFinal(value.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this JVM", e);
        }
    }

    private static String digest(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
