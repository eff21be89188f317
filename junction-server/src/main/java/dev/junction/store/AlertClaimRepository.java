package dev.junction.store;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;

/**
 * Claims on announcing an alert change, shared by every replica of the store. A claim on (rule, subject, state) is
 * granted to the first replica that asks, and again once it is older than the window the caller gives; the rows are
 * not governance state, so claims do not move the {@link StoreRevision}. Each step is one atomic statement: a
 * conditional update takes an expired claim (a second replica's update then matches nothing), an insert takes a new
 * one (a second replica's insert breaks the primary key). Blocking and thread safe: run it on a database thread or
 * another thread that may block.
 */
public final class AlertClaimRepository {

    /** Claims older than this are removed when a new one is taken. */
    static final Duration KEEP = Duration.ofDays(7);

    private final Database database;

    AlertClaimRepository(Database database) {
        this.database = database;
    }

    /**
     * Takes the claim unless another replica (or this one) took it less than {@code window} ago.
     *
     * @return whether the caller holds the claim now and should announce
     */
    public boolean claim(String rule, String subject, String state, String replica, Instant now, Duration window) {
        String key = key(rule, subject, state);
        long at = now.toEpochMilli();
        boolean renewed = database.jdbi().withHandle(handle -> handle.createUpdate("UPDATE alert_claims SET "
                        + "replica = :replica, claimed_at = :at WHERE claim_key = :key AND claimed_at <= :expired")
                .bind("replica", replica).bind("at", at).bind("key", key).bind("expired", at - window.toMillis())
                .execute() == 1);
        if (renewed) {
            return true;
        }
        try {
            database.jdbi().useHandle(handle -> {
                handle.createUpdate("DELETE FROM alert_claims WHERE claimed_at < :old")
                        .bind("old", at - KEEP.toMillis()).execute();
                handle.createUpdate("INSERT INTO alert_claims (claim_key, rule_name, state, replica, claimed_at) "
                                + "VALUES (:key, :rule, :state, :replica, :at)")
                        .bind("key", key).bind("rule", truncate(rule, 128)).bind("state", truncate(state, 16))
                        .bind("replica", truncate(replica, 128)).bind("at", at).execute();
            });
            return true;
        } catch (RuntimeException e) {
            if (Constraints.violation(e).filter(v -> v == Constraints.Violation.UNIQUE).isPresent()) {
                return false; // held by a replica that claimed it within the window
            }
            throw e;
        }
    }

    static String key(String rule, String subject, String state) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (String part : new String[] {rule, subject, state}) {
                digest.update(part.getBytes(StandardCharsets.UTF_8));
                digest.update((byte) 0);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    private static String truncate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max);
    }
}
