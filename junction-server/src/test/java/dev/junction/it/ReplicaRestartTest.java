package dev.junction.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.it.AdminHttp.Answer;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

/**
 * A replica that stops says goodbye, so A does not wait for it; restarted, it starts from the store as it is now and
 * confirms the changes made after, in step with A.
 */
class ReplicaRestartTest {

    private static ReplicaPair replicas;
    private static AdminHttp admin;

    @BeforeAll
    static void start() {
        replicas = ReplicaPair.start(Backend.POSTGRESQL_REDIS);
        admin = new AdminHttp(replicas.a());
    }

    @AfterAll
    static void stop() {
        replicas.close();
    }

    private static ObjectNode key(String extraJson) {
        String user = admin.create("/api/admin/users", "{\"name\":\"u-" + UUID.randomUUID() + "\"}")
                .path("id").asString();
        return admin.create("/api/admin/keys", "{\"user_id\":\"" + user + "\"" + extraJson + "}");
    }

    @Test
    void aRestartedReplicaServesWhatChangedWhileItWasDownAndConfirmsWhatChangesAfter() {
        ObjectNode revokedMeanwhile = key("");
        assertThat(ReplicaChangesTest.chat(replicas.b(), revokedMeanwhile).statusCode()).isEqualTo(200);

        replicas.stopB();
        Answer revoked = admin.post("/api/admin/keys/" + revokedMeanwhile.path("id").asString() + "/revoke", null);
        ObjectNode createdMeanwhile = key(",\"budgets\":[{\"amount_usd\":150,\"period\":\"total\"}]");
        Gateway restarted = replicas.startB();

        assertThat(revoked.header("x-junction-propagation")).contains("confirmed");
        assertThat(revoked.header("x-junction-unconfirmed")).isEmpty();
        assertThat(ReplicaChangesTest.chat(restarted, revokedMeanwhile).statusCode()).isEqualTo(401);
        assertThat(ReplicaChangesTest.chat(restarted, createdMeanwhile).statusCode()).isEqualTo(200);
        assertThat(ReplicaChangesTest.chat(restarted, createdMeanwhile).statusCode()).isEqualTo(429);

        Answer revokedAfter = admin.post("/api/admin/keys/" + createdMeanwhile.path("id").asString() + "/revoke",
                null);
        assertThat(revokedAfter.header("x-junction-confirmed-by")).contains(ReplicaPair.replicaId(restarted));
        assertThat(ReplicaChangesTest.chat(restarted, createdMeanwhile).statusCode()).isEqualTo(401);
    }
}
