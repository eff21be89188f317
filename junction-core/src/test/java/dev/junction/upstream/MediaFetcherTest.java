package dev.junction.upstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.junction.model.ChatRequest;
import dev.junction.model.ContentPart;
import dev.junction.model.Extensions;
import dev.junction.model.GatewayError;
import dev.junction.model.MediaSource;
import dev.junction.model.Message;
import dev.junction.model.Role;
import dev.junction.model.Sampling;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import java.net.InetAddress;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Downloads against a local server: inlining, redirects, limits, and the private-address guard. */
class MediaFetcherTest {

    private static final byte[] PIXEL = Base64.getDecoder().decode(
            "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==");

    private Vertx vertx;
    private HttpServer server;

    @BeforeEach
    void start() throws Exception {
        vertx = Vertx.vertx();
        server = vertx.createHttpServer().requestHandler(req -> {
            switch (req.path()) {
                case "/pixel.png" -> req.response().putHeader("content-type", "image/png; charset=binary")
                        .end(Buffer.buffer(PIXEL));
                case "/moved" -> req.response().setStatusCode(302).putHeader("location", "/pixel.png").end();
                case "/loop" -> req.response().setStatusCode(302).putHeader("location", "/loop").end();
                case "/big" -> req.response().putHeader("content-type", "image/png").end(Buffer.buffer(new byte[4096]));
                default -> req.response().setStatusCode(404).end();
            }
        }).listen(0).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @AfterEach
    void stop() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private String url(String path) {
        return "http://127.0.0.1:" + server.actualPort() + path;
    }

    private static ChatRequest withImage(String url) {
        return new ChatRequest("m", List.of(new Message(Role.USER, List.of(new ContentPart.Text("What is it?"),
                new ContentPart.Image(new MediaSource.Url(url), Optional.of("low"))), Optional.empty())), List.of(),
                Optional.empty(), Optional.empty(), Sampling.defaults(), Optional.empty(), Optional.empty(), false,
                false, Map.of(), Optional.empty(), Extensions.none());
    }

    private ChatRequest inline(MediaFetcher.Limits limits, String url) throws Exception {
        try {
            return new MediaFetcher(vertx, limits).inline(withImage(url), u -> true).toCompletionStage()
                    .toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw (Exception) e.getCause();
        }
    }

    private static MediaFetcher.Limits local(long maxBytes) {
        return new MediaFetcher.Limits(maxBytes, Duration.ofSeconds(5), true);
    }

    private static GatewayError errorOf(Exception e) {
        return UpstreamFailure.errorOf(e);
    }

    @Test
    void anImageUrlBecomesInlineBytesWithItsMediaType() throws Exception {
        ChatRequest out = inline(local(1 << 20), url("/pixel.png"));

        ContentPart.Image image = (ContentPart.Image) out.messages().getFirst().content().get(1);
        MediaSource.Base64 source = (MediaSource.Base64) image.source();
        assertThat(source.mediaType()).isEqualTo("image/png");
        assertThat(Base64.getDecoder().decode(source.data())).isEqualTo(PIXEL);
        assertThat(image.detail()).contains("low");
    }

    @Test
    void aRedirectIsFollowed() throws Exception {
        ChatRequest out = inline(local(1 << 20), url("/moved"));

        assertThat(((ContentPart.Image) out.messages().getFirst().content().get(1)).source())
                .isInstanceOf(MediaSource.Base64.class);
    }

    @Test
    void aRedirectLoopIsRefused() {
        assertThatThrownBy(() -> inline(local(1 << 20), url("/loop")))
                .satisfies(e -> assertThat(errorOf((Exception) e).message()).contains("redirected more than"));
    }

    @Test
    void contentOverTheSizeLimitIsRefused() {
        assertThatThrownBy(() -> inline(local(1024), url("/big")))
                .satisfies(e -> {
                    assertThat(errorOf((Exception) e)).isInstanceOf(GatewayError.InvalidRequest.class);
                    assertThat(errorOf((Exception) e).message()).contains("larger than 1024 bytes");
                });
    }

    @Test
    void aMissingImageIsAClientError() {
        assertThatThrownBy(() -> inline(local(1 << 20), url("/nothing.png")))
                .satisfies(e -> assertThat(errorOf((Exception) e).message()).contains("HTTP 404"));
    }

    @Test
    void localAddressesAreRefusedByDefault() {
        assertThatThrownBy(() -> inline(MediaFetcher.Limits.DEFAULTS, url("/pixel.png")))
                .satisfies(e -> assertThat(errorOf((Exception) e).message()).contains("private or local address"));
    }

    @Test
    void onlyHttpAndHttpsAreFetched() {
        assertThatThrownBy(() -> inline(local(1 << 20), "file:///etc/passwd"))
                .satisfies(e -> assertThat(errorOf((Exception) e).message()).contains("Only http and https"));
    }

    @Test
    void publicAndPrivateAddressesAreToldApart() throws Exception {
        for (String address : List.of("127.0.0.1", "10.1.2.3", "172.16.0.1", "192.168.1.1", "169.254.169.254",
                "100.64.0.1", "0.0.0.0", "::1", "fd00::1", "fe80::1", "224.0.0.1")) {
            assertThat(MediaFetcher.isPublic(InetAddress.getByName(address))).as(address).isFalse();
        }
        for (String address : List.of("8.8.8.8", "142.250.74.78", "2001:4860:4860::8888")) {
            assertThat(MediaFetcher.isPublic(InetAddress.getByName(address))).as(address).isTrue();
        }
    }

    @Test
    void urlsTheUpstreamReadsItselfAreLeftAlone() throws Exception {
        ChatRequest request = withImage(url("/pixel.png"));

        ChatRequest out = new MediaFetcher(vertx, local(1 << 20)).inline(request, u -> false).toCompletionStage()
                .toCompletableFuture().get(10, TimeUnit.SECONDS);

        assertThat(out).isSameAs(request);
    }
}
