package dev.junction.store;

import java.time.Instant;
import java.util.Optional;

/**
 * A console session as the store keeps it: never the token, only its digest.
 *
 * @param tokenHash the SHA-256 of the cookie's token, hex
 * @param actor the admin key's name, which the audit trail records for the session's changes
 * @param keyFingerprint a keyed fingerprint of the admin key the session was opened with
 * @param createdAt sign-in
 * @param lastSeenAt the last call (recorded at most once a minute)
 * @param expiresAt the end however busy the session is
 * @param principalId the console user signed in; empty for a session opened with an admin key
 */
public record StoredConsoleSession(String tokenHash, String actor, String keyFingerprint, Instant createdAt,
                                   Instant lastSeenAt, Instant expiresAt, Optional<String> principalId) {
}
