package dev.junction.dialect.anthropic;

import static dev.junction.dialect.anthropic.AnthropicFixtures.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.dialect.openai.OpenAiRequestMapper;
import dev.junction.json.Json;
import dev.junction.model.Dialect;
import dev.junction.model.GatewayError;
import dev.junction.provider.AuthStyle;
import dev.junction.provider.ParamRules;
import dev.junction.provider.ProviderConfig;
import dev.junction.provider.Timeouts;
import dev.junction.secret.Redactor;
import dev.junction.secret.Secret;
import dev.junction.upstream.Cancellation;
import dev.junction.upstream.ClientRequest;
import dev.junction.upstream.HttpUpstreamClient;
import dev.junction.upstream.UpstreamCall;
import dev.junction.upstream.UpstreamFailure;
import dev.junction.upstream.UpstreamReply;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

/** The adapter against a local server that records what it receives and answers with a fixture. */
class AnthropicProviderAdapterTest {

    private static Vertx vertx;
    private static HttpServer server;
    private static final AtomicReference<MultiMap> headers = new AtomicReference<>();
    private static final AtomicReference<ObjectNode> body = new AtomicReference<>();
    private static final AtomicReference<String> path = new AtomicReference<>();
    private static volatile int status = 200;
    private static volatile String answer = "";
    private static AnthropicProviderAdapter adapter;

    @BeforeAll
    static void start() throws Exception {
        vertx = Vertx.vertx();
        server = vertx.createHttpServer().requestHandler(req -> req.body().onSuccess(b -> {
            headers.set(MultiMap.caseInsensitiveMultiMap().addAll(req.headers()));
            path.set(req.path());
            body.set(Json.parseObject(b.getBytes()));
            req.response().setStatusCode(status).putHeader("content-type", "application/json")
                    .putHeader("retry-after", "3").end(answer);
        })).listen(0).toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
        adapter = new AnthropicProviderAdapter(new HttpUpstreamClient(vertx, 4), Redactor.patternsOnly());
    }

    @AfterAll
    static void stop() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
    }

    @BeforeEach
    void reset() {
        status = 200;
        answer = Json.write(json("response.basic.json"));
    }

    private static ProviderConfig provider() {
        return new ProviderConfig("anthropic", Dialect.ANTHROPIC, "http://localhost:" + server.actualPort() + "/v1",
                Optional.of(Secret.of("sk-ant-test-key-123456")), new AuthStyle.Header("x-api-key"), Map.of(),
                ParamRules.NONE, Timeouts.DEFAULTS, List.of(), List.of());
    }

    private static UpstreamReply send(ClientRequest request) throws Exception {
        return adapter.send(new UpstreamCall(request, provider(), "claude-upstream", ParamRules.NONE, "req-1",
                new Cancellation())).toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
    }

    @Test
    void anAnthropicClientsBodyIsForwardedWithOnlyTheModelSwappedAndItsHeaders() throws Exception {
        ObjectNode client = json("request.cache.json");
        ClientRequest request = new ClientRequest(Dialect.ANTHROPIC, client,
                AnthropicRequestMapper.toCanonical(client),
                Map.of("anthropic-version", "2026-10-21", "anthropic-beta", "extended-cache-ttl-2025-04-11"));

        UpstreamReply reply = send(request);

        ObjectNode expected = client.deepCopy().put("model", "claude-upstream");
        assertThat(body.get()).isEqualTo(expected);
        assertThat(path.get()).isEqualTo("/v1/messages");
        assertThat(headers.get().get("anthropic-version")).isEqualTo("2026-10-21");
        assertThat(headers.get().get("anthropic-beta")).isEqualTo("extended-cache-ttl-2025-04-11");
        assertThat(headers.get().get("x-api-key")).isEqualTo("sk-ant-test-key-123456");
        assertThat(headers.get().get("x-request-id")).isEqualTo("req-1");
        assertThat(client.get("model").stringValue()).isEqualTo("claude-sonnet-4-5-20250929");
        assertThat(reply).isInstanceOfSatisfying(UpstreamReply.Complete.class,
                c -> assertThat(c.usage().inputTokens()).isEqualTo(19));
    }

    @Test
    void anOpenAiClientsRequestIsTranslatedWithTheDefaultVersionAndNoBeta() throws Exception {
        ObjectNode client = (ObjectNode) Json.tryParse("""
                {"model":"gpt","seed":1,"messages":[{"role":"system","content":"Be brief."},
                 {"role":"user","content":"hi"}]}""").orElseThrow();
        ClientRequest request = new ClientRequest(Dialect.OPENAI_CHAT, client,
                OpenAiRequestMapper.toCanonical(client), Map.of("anthropic-beta", "x"));

        UpstreamReply reply = send(request);

        assertThat(body.get().get("model").stringValue()).isEqualTo("claude-upstream");
        assertThat(body.get().get("system").stringValue()).isEqualTo("Be brief.");
        assertThat(body.get().get("max_tokens").intValue()).isEqualTo(4096);
        assertThat(headers.get().get("anthropic-version")).isEqualTo("2023-06-01");
        assertThat(headers.get().get("anthropic-beta")).isNull();
        assertThat(reply.dropped()).containsExactly("seed");
    }

    @Test
    void aRequestAnthropicCannotTakeFailsTheFutureWithoutCallingTheUpstream() {
        ObjectNode client = (ObjectNode) Json.tryParse("""
                {"model":"gpt","n":3,"messages":[{"role":"user","content":"hi"}]}""").orElseThrow();
        ClientRequest request = new ClientRequest(Dialect.OPENAI_CHAT, client,
                OpenAiRequestMapper.toCanonical(client));
        body.set(null);

        var future = adapter.send(new UpstreamCall(request, provider(), "c", ParamRules.NONE, "r",
                new Cancellation()));

        assertThat(future.failed()).isTrue();
        assertThat(UpstreamFailure.errorOf(future.cause())).isInstanceOf(GatewayError.InvalidRequest.class);
        assertThat(body.get()).isNull();
    }

    @Test
    void anOverloadedReplyIsClassifiedWithItsRetryAfter() {
        status = 529;
        answer = Json.write(json("error.529.overloaded.json"));
        ObjectNode client = json("request.basic.json");

        var error = org.assertj.core.api.Assertions.catchThrowable(() -> send(new ClientRequest(Dialect.ANTHROPIC,
                client, AnthropicRequestMapper.toCanonical(client))));

        GatewayError classified = UpstreamFailure.errorOf(error.getCause());
        assertThat(classified).isInstanceOf(GatewayError.Unavailable.class);
        assertThat(classified.retryAfter()).contains(java.time.Duration.ofSeconds(3));
    }

    @Test
    void aReplyThatIsNotJsonIsABadGateway() {
        answer = "<html>oops</html>";
        ObjectNode client = json("request.basic.json");

        var error = org.assertj.core.api.Assertions.catchThrowable(() -> send(new ClientRequest(Dialect.ANTHROPIC,
                client, AnthropicRequestMapper.toCanonical(client))));

        assertThat(UpstreamFailure.errorOf(error.getCause())).isInstanceOf(GatewayError.BadGateway.class);
    }

    @Test
    void theCodecWiresTheDialectsPieces() {
        AnthropicCodec codec = AnthropicCodec.INSTANCE;

        assertThat(codec.dialect()).isEqualTo(Dialect.ANTHROPIC);
        assertThat(codec.responseFromCanonical(codec.responseToCanonical(json("response.tools.json"))))
                .isEqualTo(AnthropicResponseMapper.fromCanonical(AnthropicResponseMapper.toCanonical(
                        json("response.tools.json"))));
        assertThat(codec.streamDecoder(Redactor.patternsOnly())).isInstanceOf(AnthropicStreamDecoder.class);
        assertThat(codec.passThroughWatcher(Redactor.patternsOnly())).isInstanceOf(AnthropicPassThroughWatcher.class);
        assertThat(codec.renderError(new GatewayError.Timeout("t")).get("error").get("type").stringValue())
                .isEqualTo("timeout_error");
    }
}
