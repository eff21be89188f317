package dev.junction.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.config.ConsoleSettings;
import dev.junction.config.GatewayKey;
import dev.junction.secret.Secret;
import dev.junction.store.Database;
import dev.junction.store.DatabaseSettings;
import dev.junction.store.GovernanceStore;
import dev.junction.testkit.ManualClock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Console sessions on a real SQLite store: opening, resuming, idle and absolute expiry, key rotation, CSRF. */
class ConsoleSessionsTest {

    private static final String KEY = "admin-key-0123456789abcdef";
    private static final List<GatewayKey> ADMINS = List.of(new GatewayKey("ops", Secret.of(KEY)));

    @TempDir
    Path dir;
    private Database database;
    private final ManualClock clock = ManualClock.at(Instant.parse("2026-12-07T10:00:00Z"));
    private final AtomicReference<ConsoleSettings> settings = new AtomicReference<>(
            new ConsoleSettings(true, Duration.ofMinutes(30), Duration.ofHours(12)));
    private ConsoleSessions sessions;
    private GovernanceStore store;

    @BeforeEach
    void open() {
        database = Database.open(DatabaseSettings.of("jdbc:sqlite:" + dir.resolve("s.db")));
        store = new GovernanceStore(database, clock);
        sessions = new ConsoleSessions(database, store.consoleSessions(), settings::get, clock,
                purpose -> java.util.List.of(("secret-for-" + purpose + "-0123456789abcdef").substring(0, 32)
                        .getBytes(StandardCharsets.UTF_8)));
    }

    @AfterEach
    void close() {
        database.close();
    }

    @Test
    void anOpenedSessionResumesWithItsActorAndItsTokenIsNotStored() throws Exception {
        ConsoleSessions.Opened opened = sessions.open("ops", KEY).get();

        Optional<ConsoleSession> resumed = sessions.resume(opened.token(), ADMINS).get();

        assertThat(resumed).isPresent();
        assertThat(resumed.get().actor()).isEqualTo("ops");
        assertThat(resumed.get().csrfToken()).isEqualTo(opened.session().csrfToken()).isNotEqualTo(opened.token());
        assertThat(resumed.get().expiresAt()).isEqualTo(clock.instant().plus(Duration.ofHours(12)));
        String stored = database.jdbi().withHandle(h -> h.createQuery(
                "SELECT token_hash || actor || key_fingerprint FROM console_sessions").mapTo(String.class).one());
        assertThat(stored).doesNotContain(opened.token()).doesNotContain(KEY);
        assertThat(opened.toString()).doesNotContain(opened.token());
    }

    @Test
    void anUnknownOrMalformedTokenResumesNothing() throws Exception {
        sessions.open("ops", KEY).get();

        assertThat(sessions.resume("A".repeat(43), ADMINS).get()).isEmpty();
        assertThat(sessions.resume("short", ADMINS).get()).isEmpty();
        assertThat(sessions.resume("' OR 1=1 --", ADMINS).get()).isEmpty();
        assertThat(sessions.resume(null, ADMINS).get()).isEmpty();
    }

    @Test
    void aSessionIdleForTheTimeoutIsOverButUseKeepsItAlive() throws Exception {
        String token = sessions.open("ops", KEY).get().token();

        clock.advance(Duration.ofMinutes(20));
        assertThat(sessions.resume(token, ADMINS).get()).isPresent();
        clock.advance(Duration.ofMinutes(20)); // 40 minutes after sign-in, 20 after the last use
        assertThat(sessions.resume(token, ADMINS).get()).isPresent();
        clock.advance(Duration.ofMinutes(30));
        assertThat(sessions.resume(token, ADMINS).get()).isEmpty();
        long rows = database.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM console_sessions")
                .mapTo(Long.class).one());
        assertThat(rows).as("an ended session is deleted, not just refused").isZero();
    }

    @Test
    void aBusySessionStillEndsAtItsMaximumAge() throws Exception {
        String token = sessions.open("ops", KEY).get().token();

        for (int i = 0; i < 47; i++) {
            clock.advance(Duration.ofMinutes(15));
            assertThat(sessions.resume(token, ADMINS).get()).as("after %d minutes", (i + 1) * 15).isPresent();
        }
        clock.advance(Duration.ofMinutes(15)); // 12 hours
        assertThat(sessions.resume(token, ADMINS).get()).isEmpty();
    }

    @Test
    void removingOrChangingTheAdminKeyEndsItsSessions() throws Exception {
        String token = sessions.open("ops", KEY).get().token();
        String other = sessions.open("ops", KEY).get().token();
        String kept = sessions.open("ops", KEY).get().token();

        assertThat(sessions.resume(token, List.of(new GatewayKey("ops", Secret.of("rotated-key-0123456789"))))
                .get()).isEmpty();
        assertThat(sessions.resume(other, List.of(new GatewayKey("ci", Secret.of(KEY)))).get())
                .as("the same key under another name is another principal").isEmpty();
        assertThat(sessions.resume(token, ADMINS).get()).as("a refused session is gone for good").isEmpty();
        assertThat(sessions.resume(kept, ADMINS).get()).isPresent();
    }

    @Test
    void signingOutEndsTheSession() throws Exception {
        String token = sessions.open("ops", KEY).get().token();

        assertThat(sessions.close(token).get()).isTrue();
        assertThat(sessions.resume(token, ADMINS).get()).isEmpty();
        assertThat(sessions.close(token).get()).isFalse();
    }

    @Test
    void theCsrfTokenBelongsToOneSession() throws Exception {
        ConsoleSessions.Opened a = sessions.open("ops", KEY).get();
        ConsoleSessions.Opened b = sessions.open("ops", KEY).get();

        assertThat(sessions.csrfMatches(a.token(), a.session().csrfToken())).isTrue();
        assertThat(sessions.csrfMatches(a.token(), b.session().csrfToken())).isFalse();
        assertThat(sessions.csrfMatches(a.token(), null)).isFalse();
        assertThat(sessions.csrfMatches(a.token(), "")).isFalse();
    }

    @Test
    void signingInRemovesSessionsThatAreOver() throws Exception {
        sessions.open("ops", KEY).get();
        clock.advance(Duration.ofHours(1));

        sessions.open("ops", KEY).get();

        long rows = database.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM console_sessions")
                .mapTo(Long.class).one());
        assertThat(rows).isEqualTo(1);
    }

    @Test
    void aSessionOpenedBeforeASecretKeyRotationResumesAfterItWithItsCsrfToken() throws Exception {
        ConsoleSessions.Opened opened = sessions.open("ops", KEY).get();
        ConsoleSessions rotated = new ConsoleSessions(database, store.consoleSessions(), settings::get, clock,
                purpose -> List.of(("rotated-for-" + purpose + "-0123456789abcdefgh").substring(0, 32)
                        .getBytes(StandardCharsets.UTF_8), ("secret-for-" + purpose + "-0123456789abcdef")
                        .substring(0, 32).getBytes(StandardCharsets.UTF_8)));
        ConsoleSessions retired = new ConsoleSessions(database, store.consoleSessions(), settings::get, clock,
                purpose -> List.of(("rotated-for-" + purpose + "-0123456789abcdefgh").substring(0, 32)
                        .getBytes(StandardCharsets.UTF_8)));

        assertThat(rotated.resume(opened.token(), ADMINS).get()).as("the previous key still vouches").isPresent();
        assertThat(rotated.csrfMatches(opened.token(), opened.session().csrfToken())).isTrue();
        assertThat(retired.csrfMatches(opened.token(), opened.session().csrfToken())).isFalse();
        assertThat(retired.resume(opened.token(), ADMINS).get()).as("opened under a key that is gone").isEmpty();
    }
}
