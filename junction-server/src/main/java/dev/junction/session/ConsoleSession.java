package dev.junction.session;

import java.time.Instant;
import java.util.Optional;

/**
 * A live console session, as the admin API reports it to its browser.
 *
 * @param actor the admin key's name, which the audit trail records for the session's changes
 * @param csrfToken what the browser must send as {@code X-CSRF-Token} on every write
 * @param createdAt sign-in
 * @param idleExpiresAt when it ends unless it is used before
 * @param expiresAt when it ends however busy
 * @param principalId the console user signed in; empty for a session of an admin key
 */
public record ConsoleSession(String actor, String csrfToken, Instant createdAt, Instant idleExpiresAt,
                             Instant expiresAt, Optional<String> principalId) {
}
