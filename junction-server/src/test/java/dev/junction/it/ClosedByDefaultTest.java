package dev.junction.it;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.junction.json.Json;
import dev.junction.limit.RateLimits;
import dev.junction.server.GatewayServer;
import dev.junction.store.SqlDialect;
import dev.junction.store.TestDatabases;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * A governed gateway never serves anonymous callers: an admin key, a gateway key, {@code auth.required} or a virtual
 * key in the store at start-up closes it; only a gateway with none of them is open, and it says so. Neither mode
 * changes because the store gains or loses keys while the gateway runs.
 */
class ClosedByDefaultTest {

    private static HttpResponse<String> chat(Gateway gateway, String... headers) {
        return gateway.post("/v1/chat/completions", """
                {"model":"mock/echo","messages":[{"role":"user","content":"hello"}]}""", headers);
    }

    private static HttpResponse<String> anonymousChat(Gateway gateway) {
        return chat(gateway, "content-type", "application/json");
    }

    private static JsonNode ready(Gateway gateway) {
        return Json.tryParse(gateway.get("/ready").body()).orElseThrow();
    }

    @Test
    void aGatewayWithAnAdminKeyAndAnEmptyStoreRefusesCallersWithoutAKey() {
        try (Gateway gateway = Gateway.start(AdminHttp.CONFIG, Map.of())) {
            assertThat(anonymousChat(gateway).statusCode()).isEqualTo(401);
            assertThat(ready(gateway).at("/auth/mode").asString()).isEqualTo("closed");
            assertThat(ready(gateway).at("/auth/because/0").asString()).isEqualTo("an admin key is configured");
        }
    }

    @Test
    void authRequiredClosesAGatewayThatWouldOtherwiseBeOpen() {
        try (Gateway gateway = Gateway.start("auth: {required: true}\n", Map.of())) {
            assertThat(anonymousChat(gateway).statusCode()).isEqualTo(401);
            assertThat(ready(gateway).at("/auth/because/0").asString()).isEqualTo("auth.required is set");
        }
    }

    @Test
    void aGatewayWithNothingToGovernIsOpenAndSaysSoAtStartAndOnReady() {
        Logger server = (Logger) LoggerFactory.getLogger(GatewayServer.class);
        ListAppender<ILoggingEvent> startLog = new ListAppender<>();
        startLog.start();
        server.addAppender(startLog);
        try (Gateway gateway = Gateway.start("", Map.of())) {
            assertThat(anonymousChat(gateway).statusCode()).isEqualTo(200);
            assertThat(ready(gateway).at("/auth/mode").asString()).isEqualTo("open");
            synchronized (startLog) {
                assertThat(startLog.list).anySatisfy(e -> assertThat(e.getFormattedMessage())
                        .startsWith("The gateway is OPEN"));
            }
        } finally {
            server.detachAppender(startLog);
        }
    }

    @Test
    void aGatewayStartedOnAStoreThatHoldsAVirtualKeyIsClosedAndStaysClosedWhenTheKeyIsDeleted() {
        try (TestDatabases.Fresh database = TestDatabases.create(SqlDialect.SQLITE)) {
            Map<String, String> env = Map.of("JUNCTION_DATABASE_URL", database.settings().url());
            String keyId;
            try (Gateway first = Gateway.start("", env)) {
                keyId = new Provision(first).key().id();
            }
            try (Gateway restarted = Gateway.start("", env)) {
                assertThat(anonymousChat(restarted).statusCode()).isEqualTo(401);
                assertThat(ready(restarted).at("/auth/because/0").asString())
                        .isEqualTo("the store holds virtual keys");

                Provision provision = new Provision(restarted);
                provision.call(() -> restarted.server().governance().store().keys().delete(keyId));
                provision.publish();

                assertThat(anonymousChat(restarted).statusCode()).isEqualTo(401);
                assertThat(ready(restarted).at("/auth/mode").asString()).isEqualTo("closed");
            }
        }
    }

    @Test
    void anOpenGatewayStaysOpenWhenAnotherReplicaCreatesTheFirstKeyAndStillBillsThatKeysRequests() {
        try (Gateway gateway = Gateway.start("", Map.of())) {
            Provision.IssuedKey key = new Provision(gateway).key();

            assertThat(anonymousChat(gateway).statusCode()).isEqualTo(200);
            assertThat(chat(gateway, "authorization", "Bearer " + key.plaintext()).statusCode()).isEqualTo(200);

            assertThat(ready(gateway).at("/auth/mode").asString()).isEqualTo("open");
            assertThat(new Books(gateway).await(key.id(), 1)).singleElement()
                    .satisfies(row -> assertThat(row.request().caller().keyId()).contains(key.id()));
        }
    }

    @Test
    void anOpenGatewayRefusesAKnownKeyThatIsDisabledRatherThanServingItAnonymously() {
        try (Gateway gateway = Gateway.start("", Map.of())) {
            Provision provision = new Provision(gateway);
            Provision.IssuedKey key = provision.key(provision.user(), Provision.spec(RateLimits.NONE, List.of(),
                    List.of(), Optional.empty(), false));

            assertThat(chat(gateway, "authorization", "Bearer " + key.plaintext()).statusCode()).isEqualTo(401);
        }
    }
}
