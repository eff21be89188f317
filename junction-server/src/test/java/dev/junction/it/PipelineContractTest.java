package dev.junction.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.json.Json;
import dev.junction.model.GatewayError;
import dev.junction.model.StreamEvent;
import dev.junction.pipeline.Chain;
import dev.junction.pipeline.Exchange;
import dev.junction.pipeline.Outcome;
import dev.junction.pipeline.Reply;
import dev.junction.pipeline.Stage;
import dev.junction.pipeline.StreamTransform;
import dev.junction.testkit.Behavior;
import dev.junction.testkit.MockUpstream;
import io.vertx.core.Future;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The request path's stage contract, checked on a real gateway with stages of the test's own placed before
 * execution: stages run in order and see their replies in reverse; a stage answers by returning a reply; every stage
 * that handled a request learns its outcome exactly once (answered, failed, upstream failure, client gone,
 * cancelled); streamed events pass through transforms in order, and a transform can end a stream with an error in
 * the client's dialect.
 */
class PipelineContractTest {

    private static final String KEYS = "keys: [{name: tests, key: " + Gateway.KEY + "}]\n";

    private final List<AutoCloseable> closing = new ArrayList<>();

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable c : closing.reversed()) {
            c.close();
        }
    }

    /** A stage that writes down what happens to it and the outcomes it is told. */
    static final class Recording implements Stage {
        final String name;
        final List<String> journal;
        final List<Outcome> outcomes = new CopyOnWriteArrayList<>();
        final CountDownLatch finished = new CountDownLatch(1);
        volatile Function<Reply, Reply> onTheWayBack = Function.identity();

        Recording(String name, List<String> journal) {
            this.name = name;
            this.journal = journal;
        }

        @Override
        public Future<Reply> handle(Exchange exchange, Chain chain) {
            journal.add(name + ".before");
            return chain.proceed(exchange).map(reply -> {
                journal.add(name + ".after");
                return onTheWayBack.apply(reply);
            });
        }

        @Override
        public void finish(Exchange exchange, Outcome outcome) {
            journal.add(name + ".finish");
            outcomes.add(outcome);
            finished.countDown();
        }

        Outcome awaitOutcome() throws InterruptedException {
            assertThat(finished.await(20, TimeUnit.SECONDS)).as(name + " was finished").isTrue();
            Thread.sleep(100); // a second finish, were there one, would arrive now
            assertThat(outcomes).as("outcomes seen by " + name).hasSize(1);
            return outcomes.getFirst();
        }
    }

    private Gateway gateway(Stage... stages) {
        Gateway gateway = Gateway.start(KEYS, Map.of(), Clock.systemUTC(), List.of(stages));
        closing.add(gateway);
        return gateway;
    }

    private static HttpResponse<String> chat(Gateway gateway, String model, boolean stream) {
        return ClientWire.OPENAI.chat(gateway, model, "hello pipeline", stream);
    }

    @Test
    void stagesRunInOrderSeeTheReplyInReverseAndFinishInnerFirst() throws Exception {
        List<String> journal = Collections.synchronizedList(new ArrayList<>());
        Recording outer = new Recording("a", journal);
        Recording inner = new Recording("b", journal);
        Gateway gateway = gateway(outer, inner);

        assertThat(chat(gateway, "mock/echo", false).statusCode()).isEqualTo(200);

        outer.awaitOutcome();
        assertThat(journal).containsExactly("a.before", "b.before", "b.after", "a.after", "b.finish", "a.finish");
    }

    @Test
    void aStageAnswersByReturningARefusalInTheClientsDialectAndLaterStagesNeverRun() throws Exception {
        MockUpstream upstream = MockUpstream.start();
        closing.add(upstream::close);
        List<String> journal = Collections.synchronizedList(new ArrayList<>());
        Recording outer = new Recording("a", journal);
        Stage refusing = (exchange, chain) -> Future.succeededFuture(new Reply.Refused(
                new GatewayError.PermissionDenied("Not on a Sunday.")));
        Recording after = new Recording("c", journal);
        Gateway gateway = Gateway.start(KEYS, Map.of("OPENAI_BASE_URL", upstream.baseUrl(),
                "OPENAI_API_KEY", "sk-upstream-0123456789abcdef"), Clock.systemUTC(), List.of(outer, refusing, after));
        closing.add(gateway);

        HttpResponse<String> openai = chat(gateway, "openai/gpt-4o-mini", false);
        HttpResponse<String> anthropic = ClientWire.ANTHROPIC.chat(gateway, "openai/gpt-4o-mini", "hi", false);

        assertThat(openai.statusCode()).isEqualTo(403);
        assertThat(ClientWire.OPENAI.error(Json.MAPPER.readTree(openai.body())).path("message").asString())
                .isEqualTo("Not on a Sunday.");
        assertThat(anthropic.statusCode()).isEqualTo(403);
        assertThat(ClientWire.ANTHROPIC.error(Json.MAPPER.readTree(anthropic.body())).path("type").asString())
                .isEqualTo("permission_error");
        assertThat(upstream.requests()).isEmpty();
        Thread.sleep(200);
        assertThat(journal).doesNotContain("c.before", "c.finish");
        assertThat(outer.outcomes).hasSize(2).allSatisfy(o -> assertThat(o).isInstanceOfSatisfying(
                Outcome.Failed.class, f -> assertThat(f.error()).isInstanceOf(GatewayError.PermissionDenied.class)));
    }

    @Test
    void aStageCanAnswerWithABodyOfItsOwnWithoutCallingTheUpstream() {
        Stage cached = (exchange, chain) -> Future.succeededFuture(new Reply.Json(Json.object()
                .put("id", "from-a-stage").put("object", "chat.completion")));
        Gateway gateway = gateway(cached);

        HttpResponse<String> response = chat(gateway, "mock/echo", false);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(Json.MAPPER.readTree(response.body()).path("id").asString()).isEqualTo("from-a-stage");
        assertThat(response.headers().firstValue("x-junction-provider")).isEmpty();
    }

    @Test
    void anAnsweredRequestIsSeenOnceWithItsUsage() throws Exception {
        Recording stage = new Recording("a", new CopyOnWriteArrayList<>());
        Gateway gateway = gateway(stage);

        assertThat(chat(gateway, "mock/echo", true).statusCode()).isEqualTo(200);

        assertThat(stage.awaitOutcome()).isInstanceOfSatisfying(Outcome.Answered.class, a -> {
            assertThat(a.status()).isEqualTo(200);
            assertThat(a.usage().outputTokens()).isPositive();
        });
    }

    @Test
    void aRefusalOfAnEarlierStageIsSeenOnceAsAFailureByTheStagesThatRan() throws Exception {
        List<String> journal = new CopyOnWriteArrayList<>();
        Recording probe = new Recording("a", journal);
        Gateway gateway = gateway(probe);

        // The route stage (before the test's) refuses an unknown model: the test's stage never ran.
        assertThat(chat(gateway, "no-such-model", false).statusCode()).isEqualTo(404);
        Thread.sleep(200);
        assertThat(journal).isEmpty();

        // With a model that resolves, the route's failure after its attempts reaches the test's stage.
        HttpResponse<String> failed = chat(gateway, "mock/fail", false);
        assertThat(failed.statusCode()).isEqualTo(503);
        assertThat(probe.awaitOutcome()).isInstanceOfSatisfying(Outcome.Failed.class,
                f -> assertThat(f.error()).isInstanceOf(GatewayError.Unavailable.class));
    }

    @Test
    void aClientThatLeavesMidStreamIsSeenOnceAsGone() throws Exception {
        Recording stage = new Recording("a", new CopyOnWriteArrayList<>());
        Gateway gateway = gateway(stage);

        try (Socket socket = new Socket("127.0.0.1", Integer.parseInt(gateway.baseUrl().replaceAll(".*:", "")))) {
            String body = """
                    {"model":"mock/slow","stream":true,"messages":[{"role":"user","content":"a b c d e f g h i j"}]}""";
            OutputStream out = socket.getOutputStream();
            out.write(("POST /v1/chat/completions HTTP/1.1\r\nhost: localhost\r\ncontent-type: application/json\r\n"
                    + "authorization: Bearer " + Gateway.KEY + "\r\ncontent-length: "
                    + body.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + body)
                    .getBytes(StandardCharsets.UTF_8));
            out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                    StandardCharsets.UTF_8));
            String line;
            while ((line = in.readLine()) != null && !line.startsWith("data:")) {
                // the status line and headers
            }
            assertThat(line).as("a first event arrived").isNotNull();
        }

        assertThat(stage.awaitOutcome()).isInstanceOf(Outcome.ClientGone.class);
    }

    @Test
    void aRequestTheGatewayCancelsIsSeenOnceAsCancelled() throws Exception {
        Recording stage = new Recording("a", new CopyOnWriteArrayList<>());
        Stage cancelling = (exchange, chain) -> chain.proceed(exchange).map(reply -> reply instanceof Reply.Chat c
                ? c.through((event, downstream) -> {
                    downstream.accept(event);
                    if (event instanceof StreamEvent.BlockDelta) {
                        exchange.cancel("test says stop");
                    }
                })
                : reply);
        Gateway gateway = gateway(stage, cancelling);

        try {
            chat(gateway, "mock/slow", true);
        } catch (AssertionError expected) {
            // the connection is closed under the client
        }

        assertThat(stage.awaitOutcome()).isInstanceOfSatisfying(Outcome.Cancelled.class,
                c -> assertThat(c.reason()).isEqualTo("test says stop"));
    }

    /** Upper-cases the text of every delta; writes down the kinds of event it saw. */
    static final class Shouting implements StreamTransform {
        final List<String> seen = new CopyOnWriteArrayList<>();

        @Override
        public void onEvent(StreamEvent event, java.util.function.Consumer<StreamEvent> downstream) {
            seen.add(event.getClass().getSimpleName());
            if (event instanceof StreamEvent.BlockDelta d && d.delta() instanceof StreamEvent.Delta.Text t) {
                downstream.accept(new StreamEvent.BlockDelta(d.choice(), d.index(),
                        new StreamEvent.Delta.Text(t.text().toUpperCase(java.util.Locale.ROOT), t.logprobs())));
                return;
            }
            downstream.accept(event);
        }
    }

    private static Stage transforming(List<Shouting> made) {
        return (exchange, chain) -> chain.proceed(exchange).map(reply -> {
            if (reply instanceof Reply.Chat c) {
                Shouting shouting = new Shouting();
                made.add(shouting);
                return c.through(shouting);
            }
            return reply;
        });
    }

    @Test
    void streamedEventsPassThroughATransformInOrder() {
        List<Shouting> made = new CopyOnWriteArrayList<>();
        Gateway gateway = gateway(transforming(made));

        HttpResponse<String> response = chat(gateway, "mock/echo", true);

        assertThat(response.statusCode()).isEqualTo(200);
        StringBuilder text = new StringBuilder();
        for (SseFrames.Frame frame : SseFrames.parse(response.body()).frames()) {
            if (frame.data().startsWith("{")) {
                text.append(frame.json().at("/choices/0/delta/content").asString(""));
            }
        }
        assertThat(text.toString()).contains("HELLO PIPELINE").doesNotContain("hello");
        List<String> seen = made.getFirst().seen;
        assertThat(seen.getFirst()).isEqualTo("MessageStart");
        assertThat(seen.getLast()).isEqualTo("MessageStop");
        assertThat(seen.indexOf("BlockDelta")).isGreaterThan(seen.indexOf("BlockStart"));
    }

    @Test
    void aTransformSeesTheEventsOfASameDialectUpstreamTooWhichIsThenNoLongerPassedThrough() {
        MockUpstream upstream = MockUpstream.start();
        closing.add(upstream::close);
        upstream.setDefault(Behavior.reply("quiet words here"));
        List<Shouting> made = new CopyOnWriteArrayList<>();
        Gateway gateway = Gateway.start(KEYS, Map.of("OPENAI_BASE_URL", upstream.baseUrl(),
                "OPENAI_API_KEY", "sk-upstream-0123456789abcdef"), Clock.systemUTC(), List.of(transforming(made)));
        closing.add(gateway);

        HttpResponse<String> response = chat(gateway, "openai/gpt-4o-mini", true);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("QUIET").doesNotContain("quiet");
        assertThat(made.getFirst().seen).contains("BlockDelta");
    }

    /** Ends the stream with a content-policy error at the second text delta. */
    private static Stage cutting() {
        return (exchange, chain) -> chain.proceed(exchange).map(reply -> reply instanceof Reply.Chat c
                ? c.through(new StreamTransform() {
                    int deltas;

                    @Override
                    public void onEvent(StreamEvent event, java.util.function.Consumer<StreamEvent> downstream) {
                        if (event instanceof StreamEvent.BlockDelta && ++deltas == 2) {
                            downstream.accept(new StreamEvent.StreamError(
                                    new GatewayError.ContentFiltered("The answer broke a policy.")));
                            return;
                        }
                        downstream.accept(event);
                    }
                })
                : reply);
    }

    @Test
    void aTransformEndsAStreamWithAnErrorFrameInEachClientsDialect() throws Exception {
        Recording stage = new Recording("a", new CopyOnWriteArrayList<>());
        Gateway gateway = gateway(stage, cutting());

        for (ClientWire client : ClientWire.values()) {
            HttpResponse<String> response = client.chat(gateway, "mock/slow", "one two three four five", true);

            assertThat(response.statusCode()).isEqualTo(200);
            SseFrames frames = SseFrames.parse(response.body());
            SseFrames.Frame last = frames.last();
            boolean errorFrame = client == ClientWire.ANTHROPIC || client == ClientWire.RESPONSES ? last.event().filter("error"::equals).isPresent()
                    : last.isErrorObject();
            assertThat(errorFrame).as("%s: the last frame is the error: %s", client, response.body()).isTrue();
            JsonNode error = client.error(last.json());
            assertThat(error.path("message").asString()).isEqualTo("The answer broke a policy.");
            assertThat(response.body()).doesNotContain("three");
        }
        Optional<Outcome> first = stage.outcomes.stream().findFirst();
        assertThat(first).isPresent();
        assertThat(first.get()).isInstanceOfSatisfying(Outcome.Failed.class,
                f -> assertThat(f.error()).isInstanceOf(GatewayError.ContentFiltered.class));
    }

    @Test
    void aStageThatProceedsTwiceGetsAnInternalErrorInsteadOfASecondUpstreamCall() {
        Stage twice = (exchange, chain) -> {
            chain.proceed(exchange);
            return chain.proceed(exchange);
        };
        Gateway gateway = gateway(twice);

        HttpResponse<String> response = chat(gateway, "mock/echo", false);

        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(ClientWire.OPENAI.error(Json.MAPPER.readTree(response.body())).path("type").asString())
                .isNotBlank();
    }
}
