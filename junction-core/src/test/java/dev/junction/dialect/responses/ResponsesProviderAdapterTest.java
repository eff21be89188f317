package dev.junction.dialect.responses;

import static dev.junction.dialect.responses.ResponsesFixtures.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.dialect.DialectCodecs;
import dev.junction.dialect.openai.OpenAiProviderAdapter;
import dev.junction.dialect.openai.OpenAiRequestMapper;
import dev.junction.json.Json;
import dev.junction.model.ContentPart;
import dev.junction.model.Dialect;
import dev.junction.model.GatewayError;
import dev.junction.model.Usage;
import dev.junction.provider.AuthStyle;
import dev.junction.provider.ParamRules;
import dev.junction.provider.ProviderCatalog;
import dev.junction.provider.ProviderConfig;
import dev.junction.provider.Timeouts;
import dev.junction.secret.Redactor;
import dev.junction.secret.Secret;
import dev.junction.upstream.Cancellation;
import dev.junction.upstream.ClientRequest;
import dev.junction.upstream.HttpUpstreamClient;
import dev.junction.upstream.ProviderAdapter;
import dev.junction.upstream.UpstreamCall;
import dev.junction.upstream.UpstreamFailure;
import dev.junction.upstream.UpstreamReply;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** The adapter against a local server that records what it receives and answers with a fixture. */
class ResponsesProviderAdapterTest {

    private static Vertx vertx;
    private static HttpServer server;
    private static final AtomicReference<MultiMap> headers = new AtomicReference<>();
    private static final AtomicReference<ObjectNode> body = new AtomicReference<>();
    private static final AtomicReference<String> path = new AtomicReference<>();
    private static volatile int status = 200;
    private static volatile String contentType = "application/json";
    private static volatile String answer = "";
    private static HttpUpstreamClient http;
    private static ResponsesProviderAdapter adapter;

    @BeforeAll
    static void start() throws Exception {
        vertx = Vertx.vertx();
        server = vertx.createHttpServer().requestHandler(req -> req.body().onSuccess(b -> {
            headers.set(MultiMap.caseInsensitiveMultiMap().addAll(req.headers()));
            path.set(req.path());
            body.set(Json.parseObject(b.getBytes()));
            req.response().setStatusCode(status).putHeader("content-type", contentType)
                    .putHeader("retry-after", "3").end(answer);
        })).listen(0).toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
        http = new HttpUpstreamClient(vertx, 4);
        adapter = new ResponsesProviderAdapter(http, Redactor.patternsOnly(), ReasoningSeal.PLAIN);
    }

    @AfterAll
    static void stop() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
    }

    @BeforeEach
    void reset() {
        status = 200;
        contentType = "application/json";
        answer = Json.write(json("response.basic.json"));
        body.set(null);
    }

    private static ProviderConfig provider() {
        return new ProviderConfig("openai", Dialect.OPENAI_RESPONSES, "http://localhost:" + server.actualPort()
                + "/v1", Optional.of(Secret.of("sk-test-key-1234567890")), new AuthStyle.Bearer(), Map.of(),
                ParamRules.NONE, Timeouts.DEFAULTS, List.of(), List.of());
    }

    private static UpstreamReply send(ProviderAdapter through, ClientRequest request) throws Exception {
        return through.send(new UpstreamCall(request, provider(), "gpt-upstream", ParamRules.NONE, "req-1",
                new Cancellation())).toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
    }

    private static ClientRequest responsesClient(ObjectNode client) {
        return new ClientRequest(Dialect.OPENAI_RESPONSES, client, ResponsesRequestMapper.toCanonical(client));
    }

    @Test
    void aResponsesClientsBodyIsForwardedWithOnlyTheModelSwapped() throws Exception {
        ObjectNode client = json("request.tool-result.json");
        client.putArray("tools").addObject().put("type", "web_search");

        UpstreamReply reply = send(adapter, responsesClient(client));

        assertThat(body.get()).isEqualTo(client.deepCopy().put("model", "gpt-upstream"));
        assertThat(path.get()).isEqualTo("/v1/responses");
        assertThat(headers.get().get("authorization")).isEqualTo("Bearer sk-test-key-1234567890");
        assertThat(client.get("model").stringValue()).isEqualTo("gpt-4.1");
        assertThat(reply).isInstanceOfSatisfying(UpstreamReply.Complete.class, c -> {
            assertThat(c.dialect()).isEqualTo(Dialect.OPENAI_RESPONSES);
            assertThat(c.usage()).isEqualTo(new Usage(37, 11, 0, 0, 0));
        });
    }

    @Test
    void reasoningTheGatewaySealedIsNotForwardedButOpenAisOwnIs() throws Exception {
        ObjectNode client = ResponsesRequestMapperTest.request("[{\"role\":\"user\",\"content\":\"hi\"}]");
        ArrayNode input = (ArrayNode) client.get("input");
        String sealed = ReasoningSeal.PLAIN.seal(new ContentPart.Thinking("t", Optional.of("jn1.anthropic.s"),
                false));
        input.addObject().put("type", "reasoning").put("id", "rs_gw").put("encrypted_content", sealed)
                .putArray("summary");
        input.add(json("response.reasoning.json").at("/output/0"));
        input.addObject().put("role", "assistant").put("content", "Hello.");

        send(adapter, responsesClient(client));

        assertThat(body.get().get("input")).extracting(i -> i.path("id").asString("-")).containsExactly("-",
                "rs_68ca94fad70c8190a8a055eb68b0aac70ecff94d4f220ceb", "-");
        assertThat(client.get("input")).hasSize(4);
    }

    @Test
    void aChatClientsRequestIsTranslatedAndNotStored() throws Exception {
        ObjectNode client = (ObjectNode) Json.tryParse("""
                {"model":"gpt","seed":1,"stream":false,"messages":[{"role":"system","content":"Be brief."},
                 {"role":"user","content":"hi"}]}""").orElseThrow();

        UpstreamReply reply = send(adapter, new ClientRequest(Dialect.OPENAI_CHAT, client,
                OpenAiRequestMapper.toCanonical(client)));

        assertThat(body.get().get("instructions").stringValue()).isEqualTo("Be brief.");
        assertThat(body.get().get("model").stringValue()).isEqualTo("gpt-upstream");
        assertThat(body.get().get("store").booleanValue()).isFalse();
        assertThat(reply.dropped()).containsExactly("seed");
    }

    @Test
    void aStreamIsHandedBackAsWireEventsOfTheResponsesDialect() throws Exception {
        contentType = "text/event-stream; charset=utf-8";
        answer = new String(ResponsesFixtures.bytes("response.stream.sse"), StandardCharsets.UTF_8);

        UpstreamReply reply = send(adapter, responsesClient(json("request.stream.json")));

        assertThat(reply).isInstanceOfSatisfying(UpstreamReply.WireStream.class, w -> {
            assertThat(w.dialect()).isEqualTo(Dialect.OPENAI_RESPONSES);
            w.events().cancel();
        });
        assertThat(headers.get().get("accept")).isEqualTo("text/event-stream");
    }

    @Test
    void anErrorReplyIsClassifiedWithItsParamAndCode() {
        status = 400;
        answer = Json.write(json("error.400.invalid-value.json"));

        Throwable error = org.assertj.core.api.Assertions.catchThrowable(() -> send(adapter,
                responsesClient(json("request.basic.json"))));

        assertThat(UpstreamFailure.errorOf(error.getCause())).isInstanceOfSatisfying(
                GatewayError.UpstreamRejected.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.param()).hasValue("input[0].content[0]");
                    assertThat(e.code()).hasValue("invalid_value");
                    assertThat(e.message()).startsWith("Invalid value: 'input_texts'.");
                });
    }

    @Test
    void aRateLimitKeepsItsRetryAfter() {
        status = 429;
        answer = "{\"error\":{\"message\":\"Slow down\",\"type\":\"requests\",\"param\":null,\"code\":"
                + "\"rate_limit_exceeded\"}}";

        Throwable error = org.assertj.core.api.Assertions.catchThrowable(() -> send(adapter,
                responsesClient(json("request.basic.json"))));

        assertThat(UpstreamFailure.errorOf(error.getCause()).retryAfter()).contains(java.time.Duration.ofSeconds(3));
    }

    @Test
    void aRequestResponsesCannotTakeFailsWithoutCallingTheUpstream() {
        ObjectNode client = (ObjectNode) Json.tryParse("""
                {"model":"gpt","n":3,"messages":[{"role":"user","content":"hi"}]}""").orElseThrow();

        var future = adapter.send(new UpstreamCall(new ClientRequest(Dialect.OPENAI_CHAT, client,
                OpenAiRequestMapper.toCanonical(client)), provider(), "g", ParamRules.NONE, "r", new Cancellation()));

        assertThat(future.failed()).isTrue();
        assertThat(UpstreamFailure.errorOf(future.cause())).isInstanceOf(GatewayError.InvalidRequest.class);
        assertThat(body.get()).isNull();
    }

    @Test
    void aChatCompletionsUpstreamTakesAResponsesClientsRequest() throws Exception {
        answer = Json.write(Json.parseObject(dev.junction.testing.TestFixtures.bytes(
                "/fixtures/openai-chat/response.basic.json")));
        OpenAiProviderAdapter chat = new OpenAiProviderAdapter(http, Redactor.patternsOnly());

        UpstreamReply reply = send(chat, responsesClient(json("request.tool-result.json")));

        assertThat(path.get()).isEqualTo("/v1/chat/completions");
        assertThat(body.get().at("/messages/1/tool_calls/0/id").stringValue())
                .isEqualTo("call_unLAR8MvFNptuiZK6K6HCy5k");
        assertThat(body.get().at("/messages/2/role").stringValue()).isEqualTo("tool");
        assertThat(reply).isInstanceOfSatisfying(UpstreamReply.Complete.class,
                c -> assertThat(c.dialect()).isEqualTo(Dialect.OPENAI_CHAT));
    }

    @Test
    void aChatCompletionsUpstreamRefusesABuiltInToolWithoutBeingCalled() {
        ObjectNode client = json("request.basic.json");
        client.putArray("tools").addObject().put("type", "file_search");
        OpenAiProviderAdapter chat = new OpenAiProviderAdapter(http, Redactor.patternsOnly());

        var future = chat.send(new UpstreamCall(responsesClient(client), provider(), "g", ParamRules.NONE, "r",
                new Cancellation()));

        assertThat(future.failed()).isTrue();
        assertThat(UpstreamFailure.errorOf(future.cause()).message()).contains("'file_search'");
        assertThat(body.get()).isNull();
    }

    @Test
    void theCodecWiresTheDialectsPiecesAndProvidersNameTheDialect() {
        ResponsesCodec codec = (ResponsesCodec) DialectCodecs.of(Dialect.OPENAI_RESPONSES);

        assertThat(codec.dialect()).isEqualTo(Dialect.OPENAI_RESPONSES);
        assertThat(codec.streamDecoder(Redactor.patternsOnly())).isInstanceOf(ResponsesStreamDecoder.class);
        assertThat(codec.passThroughWatcher(Redactor.patternsOnly())).isInstanceOf(ResponsesPassThroughWatcher.class);
        assertThat(codec.renderError(new GatewayError.Timeout("t")).at("/error/code").stringValue())
                .isEqualTo("upstream_timeout");
        assertThat(ResponsesSdk.read(codec.responseFromCanonical(codec.responseToCanonical(
                json("response.tools.json")))).at("/output/0/call_id").stringValue())
                .isEqualTo("call_unLAR8MvFNptuiZK6K6HCy5k");
        assertThat(ProviderCatalog.dialect("openai-responses")).isEqualTo(Dialect.OPENAI_RESPONSES);
        assertThat(ProviderCatalog.name(Dialect.OPENAI_RESPONSES)).isEqualTo("openai-responses");
    }
}
