package dev.junction.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.events.EventBus;
import dev.junction.events.GatewayEvent;
import dev.junction.json.Json;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * {@code GET /api/admin/events}: a server-sent-event stream of request summaries and any other gateway event, named
 * by kind, filterable by tenant; a reader that does not read loses events, is told how many, and slows no request.
 */
class LiveEventsTest {

    private static final String CONFIG = "keys: [{name: tests, key: " + Gateway.KEY + "}]\n" + AdminHttp.CONFIG;

    /** An event of a kind the stream has no special rendering for. */
    private record Probe(Instant at, Optional<String> tenantId, int n) implements GatewayEvent {
        @Override
        public String kind() {
            return "probe";
        }
    }

    private Gateway gateway;

    @BeforeEach
    void start() {
        gateway = Gateway.start(CONFIG, Map.of());
    }

    @AfterEach
    void stop() {
        gateway.close();
    }

    /** One server-sent event: its name and JSON data. */
    private record Sse(String name, JsonNode data) {
    }

    /** Opens the stream and returns its events as they come, once the stream's head has arrived. */
    private Iterator<Sse> open(String query) throws Exception {
        HttpResponse<Stream<String>> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(gateway.baseUrl() + "/api/admin/events" + query))
                .header("authorization", "Bearer " + AdminHttp.KEY).GET().build(),
                HttpResponse.BodyHandlers.ofLines());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type")).hasValue("text/event-stream");
        Iterator<String> lines = response.body().iterator();
        assertThat(lines.next()).isEqualTo(": connected");
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return lines.hasNext();
            }

            @Override
            public Sse next() {
                String name = null;
                while (true) {
                    String line = lines.next();
                    if (line.startsWith("event: ")) {
                        name = line.substring(7);
                    } else if (line.startsWith("data: ") && name != null) {
                        return new Sse(name, Json.MAPPER.readTree(line.substring(6)));
                    }
                }
            }
        };
    }

    private static Sse within(Iterator<Sse> events) throws Exception {
        return CompletableFuture.supplyAsync(events::next).get(10, TimeUnit.SECONDS);
    }

    @Test
    void aRequestIsSummarisedWithoutBodiesOrKeys() throws Exception {
        Iterator<Sse> events = open("");
        HttpResponse<String> answer = ClientWire.OPENAI.chat(gateway, "mock/echo", "a secret prompt", false);
        assertThat(answer.statusCode()).isEqualTo(200);

        Sse event = within(events);

        assertThat(event.name()).isEqualTo("request");
        JsonNode data = event.data();
        assertThat(data.path("request_id").asString()).isEqualTo(answer.headers().firstValue("x-request-id")
                .orElseThrow());
        assertThat(data.path("key_name").asString()).isEqualTo("tests");
        assertThat(data.path("model").asString()).isEqualTo("mock/echo");
        assertThat(data.path("provider").asString()).isEqualTo("mock");
        assertThat(data.path("deployment").asString()).isEqualTo("mock/echo");
        assertThat(data.path("status").asInt()).isEqualTo(200);
        assertThat(data.path("output_tokens").asLong()).isPositive();
        assertThat(data.has("latency_ms")).isTrue();
        assertThat(data.has("cost_usd")).isTrue();
        assertThat(data.toString()).doesNotContain("a secret prompt", Gateway.KEY, AdminHttp.KEY);
    }

    @Test
    void aCircuitOpeningIsAHealthEvent() throws Exception {
        gateway.close();
        gateway = Gateway.start(CONFIG + "health: {consecutive_failures: 1}\n", Map.of());
        Iterator<Sse> events = open("");
        assertThat(ClientWire.OPENAI.chat(gateway, "mock/fail", "break it", false).statusCode()).isEqualTo(503);

        List<Sse> seen = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            seen.add(within(events));
        }

        assertThat(seen).extracting(Sse::name).containsExactlyInAnyOrder("health", "request");
        Sse health = seen.stream().filter(e -> e.name().equals("health")).findFirst().orElseThrow();
        assertThat(health.data().path("deployment").asString()).isEqualTo("mock/fail");
        assertThat(health.data().path("state").asString()).isEqualTo("open");
        assertThat(health.data().path("lasting_ms").asLong()).isPositive();
        Sse request = seen.stream().filter(e -> e.name().equals("request")).findFirst().orElseThrow();
        assertThat(request.data().path("error_type").asString()).isEqualTo("unavailable");
        assertThat(request.data().path("status").asInt()).isEqualTo(503);
    }

    @Test
    void spendingAgainstABudgetIsABudgetEventOfItsTenant() throws Exception {
        AdminHttp admin = new AdminHttp(gateway);
        admin.put("/api/admin/prices/mock/echo", "{\"input\":1000,\"output\":1000}");
        String user = admin.create("/api/admin/users", "{\"name\":\"spender\"}").path("id").asString();
        JsonNode key = admin.create("/api/admin/keys", "{\"user_id\":\"" + user + "\",\"budgets\":"
                + "[{\"amount_usd\":100,\"period\":\"monthly\"}]}");
        String budget = key.path("budgets").get(0).path("id").asString();
        Iterator<Sse> events = open("?tenant=ten_default");
        Thread.sleep(1_000); // the stream notes where each budget stands as it opens

        HttpResponse<String> answer = gateway.post("/v1/chat/completions", "{\"model\":\"mock/echo\","
                + "\"messages\":[{\"role\":\"user\",\"content\":\"spend a little\"}]}",
                "authorization", "Bearer " + key.path("key").asString());
        assertThat(answer.statusCode()).isEqualTo(200);

        Sse change = null;
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (change == null && System.nanoTime() < deadline) {
            Sse next = within(events);
            if (next.name().equals("budget")) {
                change = next;
            }
        }
        assertThat(change).as("a budget event").isNotNull();
        JsonNode data = change.data();
        assertThat(data.path("budget_id").asString()).isEqualTo(budget);
        assertThat(data.path("tenant_id").asString()).isEqualTo("ten_default");
        assertThat(data.path("scope").asString()).isEqualTo("key");
        assertThat(data.path("spent_usd").asDouble()).isPositive();
        assertThat(data.path("amount_usd").asDouble()).isEqualTo(100.0);
        assertThat(data.path("remaining_usd").asDouble()).isLessThan(100.0);
        assertThat(data.toString()).doesNotContain(key.path("key").asString());
    }

    @Test
    void theStreamNeedsAnAdminKey() {
        assertThat(gateway.get("/api/admin/events").statusCode()).isEqualTo(401);
        assertThat(gateway.get("/api/admin/events", "authorization", "Bearer " + Gateway.KEY).statusCode())
                .isEqualTo(401);
    }

    @Test
    void otherEventsAreNamedByTheirKindAndTheTenantFilterKeepsOnlyThatTenants() throws Exception {
        Iterator<Sse> events = open("?tenant=ten_a");
        EventBus bus = gateway.server().events();
        assertThat(ClientWire.OPENAI.chat(gateway, "mock/echo", "no tenant", false).statusCode()).isEqualTo(200);
        bus.publish(new Probe(Instant.now(), Optional.empty(), 1));
        bus.publish(new Probe(Instant.now(), Optional.of("ten_b"), 2));
        bus.publish(new Probe(Instant.now(), Optional.of("ten_a"), 3));

        Sse event = within(events);

        assertThat(event.name()).isEqualTo("probe");
        assertThat(event.data().path("tenant_id").asString()).isEqualTo("ten_a");
        assertThat(event.data().path("kind").asString()).isEqualTo("probe");
    }

    @Test
    void aReaderThatDoesNotReadLosesEventsIsToldHowManyAndSlowsNoRequest() throws Exception {
        int published = 20_000;
        int requests = 5;
        try (Socket socket = new Socket()) {
            socket.setReceiveBufferSize(4096);
            socket.connect(new InetSocketAddress("127.0.0.1", gateway.server().port()), 5000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET /api/admin/events HTTP/1.1\r\nhost: 127.0.0.1\r\nauthorization: Bearer " + AdminHttp.KEY
                    + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 256);
            assertThat(reader.readLine()).isEqualTo("HTTP/1.1 200 OK");
            // the stream's head has arrived, so the subscription is in place; from now on nothing is read

            EventBus bus = gateway.server().events();
            for (int i = 0; i < published; i++) {
                bus.publish(new Probe(Instant.now(), Optional.empty(), i));
                if (i % 4000 == 0) {
                    assertThat(ClientWire.OPENAI.chat(gateway, "mock/echo", "still fast " + i, false).statusCode())
                            .isEqualTo(200);
                }
            }
            int answered = 0;
            for (int i = 0; i < requests; i++) {
                answered += ClientWire.OPENAI.chat(gateway, "mock/echo", "while stalled", false).statusCode() == 200
                        ? 1 : 0;
            }
            assertThat(answered).as("every request was answered while the reader stalled").isEqualTo(requests);
            int expected = published + requests + published / 4000;

            socket.setSoTimeout(10_000);
            long received = 0;
            long lost = 0;
            List<Long> notices = new ArrayList<>();
            String previous = "";
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            try {
                while (received + lost < expected && System.nanoTime() < deadline) {
                    String line = reader.readLine();
                    if (line == null) {
                        break;
                    }
                    if (line.equals("event: probe") || line.equals("event: request")) {
                        received++;
                    } else if (line.startsWith("data: ") && previous.equals("event: lost")) {
                        long dropped = Json.MAPPER.readTree(line.substring(6)).path("dropped").asLong();
                        notices.add(dropped);
                        lost += dropped;
                    }
                    previous = line;
                }
            } catch (SocketTimeoutException e) {
                // checked below
            }

            assertThat(notices).as("the reader was told it lost events").isNotEmpty().allMatch(n -> n > 0);
            assertThat(lost).isPositive();
            assertThat(received + lost).as("every event was either delivered or counted as lost")
                    .isEqualTo(expected);
        }
    }
}
