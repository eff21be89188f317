package dev.junction.dialect.gemini;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.dialect.openai.OpenAiRequestMapper;
import dev.junction.json.Json;
import dev.junction.model.Dialect;
import dev.junction.model.GatewayError;
import dev.junction.model.Usage;
import dev.junction.provider.AuthStyle;
import dev.junction.provider.ParamRules;
import dev.junction.provider.ProviderConfig;
import dev.junction.provider.Timeouts;
import dev.junction.secret.Redactor;
import dev.junction.secret.Secret;
import dev.junction.upstream.Cancellation;
import dev.junction.upstream.ClientRequest;
import dev.junction.upstream.HttpUpstreamClient;
import dev.junction.upstream.MediaFetcher;
import dev.junction.upstream.UpstreamCall;
import dev.junction.upstream.UpstreamFailure;
import dev.junction.upstream.UpstreamReply;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

/** The adapter against a local HTTP server that records the request and answers with a fixture. */
class GeminiProviderAdapterTest {

    private Vertx vertx;
    private HttpServer server;
    private final AtomicReference<Recorded> recorded = new AtomicReference<>();
    private volatile Answer answer = new Answer(200, "application/json", "response.basic.json", Map.of());

    record Recorded(String uri, String apiKey, ObjectNode body) {}

    private static final byte[] PIXEL = java.util.Base64.getDecoder().decode(
            "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==");

    record Answer(int status, String contentType, String fixture, Map<String, String> headers) {}

    @BeforeEach
    void start() throws Exception {
        vertx = Vertx.vertx();
        server = vertx.createHttpServer().requestHandler(req -> req.body().onSuccess(body -> {
            if (req.path().equals("/media/pixel.png")) {
                req.response().putHeader("content-type", "image/png").end(Buffer.buffer(PIXEL));
                return;
            }
            recorded.set(new Recorded(req.uri(), req.getHeader("x-goog-api-key"), Json.parseObject(body.getBytes())));
            Answer a = answer;
            req.response().setStatusCode(a.status()).putHeader("content-type", a.contentType());
            a.headers().forEach(req.response()::putHeader);
            req.response().end(Buffer.buffer(GeminiFixtures.bytes(GeminiFixtures.GEMINI, a.fixture())));
        })).listen(0).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @AfterEach
    void stop() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void anImageUrlFromAnotherDialectIsDownloadedAndSentInline() throws Exception {
        ObjectNode body = Json.parseObject(("{\"model\":\"g\",\"messages\":[{\"role\":\"user\",\"content\":["
                + "{\"type\":\"text\",\"text\":\"What is this?\"},{\"type\":\"image_url\",\"image_url\":{\"url\":"
                + "\"http://localhost:" + server.actualPort() + "/media/pixel.png\"}}]}]}").getBytes());

        send(new ClientRequest(Dialect.OPENAI_CHAT, body, OpenAiRequestMapper.toCanonical(body)));

        var inline = recorded.get().body().at("/contents/0/parts/1/inlineData");
        assertThat(inline.path("mimeType").asString()).isEqualTo("image/png");
        assertThat(java.util.Base64.getDecoder().decode(inline.path("data").asString())).isEqualTo(PIXEL);
    }

    @Test
    void aGeminiClientsBodyIsForwardedUnchangedToTheModelsUrlWithTheKeyHeader() throws Exception {
        ObjectNode body = GeminiFixtures.gemini("request.basic.json");

        UpstreamReply reply = send(new ClientRequest(Dialect.GEMINI, body,
                GeminiRequestMapper.toCanonical(body.deepCopy(), "general", false)));

        assertThat(recorded.get().uri()).isEqualTo("/v1beta/models/gemini-2.5-flash:generateContent");
        assertThat(recorded.get().apiKey()).isEqualTo("AIza-test-key");
        assertThat(recorded.get().body()).isEqualTo(body);
        UpstreamReply.Complete complete = (UpstreamReply.Complete) reply;
        assertThat(complete.dialect()).isEqualTo(Dialect.GEMINI);
        assertThat(complete.usage()).isEqualTo(new Usage(17, 27, 0, 0, 0));
    }

    @Test
    void anOpenAiClientsRequestIsTranslated() throws Exception {
        ObjectNode body = GeminiFixtures.openai("request.tool-result.json");

        send(new ClientRequest(Dialect.OPENAI_CHAT, body, OpenAiRequestMapper.toCanonical(body.deepCopy())));

        ObjectNode sent = recorded.get().body();
        assertThat(sent.has("model")).isFalse();
        assertThat(sent.at("/contents/2/parts/1/functionResponse/name").asString()).isEqualTo("get_current_weather");
        assertThat(sent.at("/tools/0/functionDeclarations/0/parametersJsonSchema/type").asString()).isEqualTo("object");
    }

    @Test
    void aStreamGoesToTheSseEndpointAndComesBackAsAWireStream() throws Exception {
        answer = new Answer(200, "text/event-stream", "response.stream.sse", Map.of());
        ObjectNode body = GeminiFixtures.gemini("request.stream.json");

        UpstreamReply reply = send(new ClientRequest(Dialect.GEMINI, body,
                GeminiRequestMapper.toCanonical(body.deepCopy(), "general", true)));

        assertThat(recorded.get().uri()).isEqualTo("/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse");
        assertThat(reply).isInstanceOf(UpstreamReply.WireStream.class);
        ((UpstreamReply.WireStream) reply).events().cancel();
    }

    @Test
    void anErrorReplyFailsTheAttemptWithTheClassifiedError() {
        answer = new Answer(429, "application/json", "error.429.resource-exhausted.json", Map.of());
        ObjectNode body = GeminiFixtures.gemini("request.basic.json");

        GatewayError error = failure(new ClientRequest(Dialect.GEMINI, body,
                GeminiRequestMapper.toCanonical(body.deepCopy(), "general", false)));

        assertThat(error).isInstanceOf(GatewayError.RateLimited.class);
        assertThat(error.retryAfter()).contains(Duration.ofSeconds(43));
    }

    @Test
    void aRequestGeminiCannotTakeFailsTheFutureWithoutCallingTheUpstream() {
        ObjectNode body = Json.parseObject(("{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"},"
                + "{\"role\":\"tool\",\"tool_call_id\":\"call_x\",\"content\":\"1\"}]}").getBytes());

        GatewayError error = failure(new ClientRequest(Dialect.OPENAI_CHAT, body,
                OpenAiRequestMapper.toCanonical(body.deepCopy())));

        assertThat(error).isInstanceOf(GatewayError.InvalidRequest.class);
        assertThat(recorded.get()).isNull();
    }

    @Test
    void theModelIsOnePercentEncodedPathSegment() {
        assertThat(GeminiProviderAdapter.url("https://g/v1beta", "models/gemini-2.5-flash", false))
                .isEqualTo("https://g/v1beta/models/gemini-2.5-flash:generateContent");
        assertThat(GeminiProviderAdapter.url("https://g/v1beta", "a/b:c?d", true))
                .isEqualTo("https://g/v1beta/models/a%2Fb%3Ac%3Fd:streamGenerateContent?alt=sse");
    }

    private UpstreamReply send(ClientRequest request) throws Exception {
        return call(request).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private GatewayError failure(ClientRequest request) {
        try {
            send(request);
            throw new AssertionError("the attempt succeeded");
        } catch (ExecutionException e) {
            return UpstreamFailure.errorOf(e.getCause());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private Future<UpstreamReply> call(ClientRequest request) {
        ProviderConfig provider = new ProviderConfig("gemini", Dialect.GEMINI,
                "http://localhost:" + server.actualPort() + "/v1beta", Optional.of(Secret.of("AIza-test-key")),
                new AuthStyle.Header("x-goog-api-key"), Map.of(), ParamRules.NONE, Timeouts.DEFAULTS, List.of(),
                List.of());
        // Private addresses allowed: the media server of these tests is on localhost.
        GeminiProviderAdapter adapter = new GeminiProviderAdapter(new HttpUpstreamClient(vertx, 8),
                new MediaFetcher(vertx, new MediaFetcher.Limits(1 << 20, Duration.ofSeconds(5), true)),
                Redactor.patternsOnly());
        return adapter.send(new UpstreamCall(request, provider, "gemini-2.5-flash", ParamRules.NONE, "req-1",
                new Cancellation()));
    }
}
