package dev.junction.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.it.AdminHttp.Answer;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;
import tools.jackson.databind.node.ObjectNode;

/**
 * With no channel between the replicas (a MariaDB store, which has no notifications, and Redis gone), polling the
 * store is the safety net: A's answer says the change is not confirmed, and B applies it within the documented bound
 * (the one-second poll and one load), measured here and reported, not asserted tightly.
 */
class ReplicaPollingTest {

    /** Far above the documented bound (one second and a load); only a broken poll misses it. */
    private static final Duration GENEROUS = Duration.ofSeconds(10);

    private static ReplicaPair replicas;
    private static AdminHttp admin;

    @BeforeAll
    static void start() {
        replicas = ReplicaPair.withCuttableRedis(Backend.MARIADB_REDIS);
        admin = new AdminHttp(replicas.a());
        replicas.cutRedis();
    }

    @AfterAll
    static void stop() {
        replicas.close();
    }

    private static String user() {
        return admin.create("/api/admin/users", "{\"name\":\"u-" + UUID.randomUUID() + "\"}").path("id").asString();
    }

    /** Requests on B until one gets {@code status}; how long after {@code since} that was. */
    private static Duration untilB(ObjectNode key, int status, long since) {
        while (ReplicaChangesTest.chat(replicas.b(), key).statusCode() != status) {
            assertThat(Measured.since(since)).as("B still serves the old state").isLessThan(GENEROUS);
            Books.pause(Duration.ofMillis(10));
        }
        return Measured.since(since);
    }

    private static void assertNotConfirmed(Answer answer) {
        assertThat(answer.status()).as(answer.text()).isBetween(200, 299);
        assertThat(answer.header("x-junction-propagation")).hasValueSatisfying(
                status -> assertThat(status).isIn("unconfirmed", "polling"));
    }

    @Test
    void aKeyRevokedOnAIsRefusedByBWithinThePollingBound(TestReporter report) {
        ObjectNode key = admin.create("/api/admin/keys", "{\"user_id\":\"" + user() + "\"}");
        untilB(key, 200, System.nanoTime());

        long revokedAt = System.nanoTime();
        Answer revoked = admin.post("/api/admin/keys/" + key.path("id").asString() + "/revoke", null);

        assertNotConfirmed(revoked);
        Measured.report(report, "polling.revocation_in_force_on_b", untilB(key, 401, revokedAt));
    }

    @Test
    void aKeyCreatedOnAIsServedByBAtOnceThroughTheStoreLookup() {
        Answer created = admin.post("/api/admin/keys", "{\"user_id\":\"" + user() + "\"}");

        assertNotConfirmed(created);
        assertThat(ReplicaChangesTest.chat(replicas.b(), (ObjectNode) created.body()).statusCode()).isEqualTo(200);
    }

    @Test
    void aUserDisabledOnAIsRefusedByBWithinThePollingBound(TestReporter report) {
        String user = user();
        ObjectNode key = admin.create("/api/admin/keys", "{\"user_id\":\"" + user + "\"}");
        untilB(key, 200, System.nanoTime());

        long disabledAt = System.nanoTime();
        assertNotConfirmed(admin.patch("/api/admin/users/" + user, "{\"enabled\":false}"));

        Measured.report(report, "polling.user_disablement_in_force_on_b", untilB(key, 401, disabledAt));
    }
}
