package dev.junction.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The console's files as a browser gets them: types, caching, compression, the app's routes, and refusals. */
class ConsoleAssetsTest {

    private static final String INDEX = "<!doctype html><title>Junction console</title>";
    private static final String SCRIPT = "console.log('junction');\n".repeat(200);

    @TempDir
    Path dir;
    private Vertx vertx;
    private HttpServer server;
    private final HttpClient http = HttpClient.newHttpClient();

    @AfterEach
    void stop() {
        if (vertx != null) {
            vertx.close().await();
        }
    }

    private void serve(boolean built) throws IOException {
        Path root = Files.createDirectories(dir.resolve("dev/junction/console/assets"));
        if (built) {
            Files.writeString(root.getParent().resolve("index.html"), INDEX);
            Files.writeString(root.resolve("index-Ab12Cd34.js"), SCRIPT);
            Files.writeString(root.getParent().resolve("favicon.svg"), "<svg/>");
        }
        ConsoleAssets assets = new ConsoleAssets(new URLClassLoader(new URL[] {dir.toUri().toURL()}, null));
        vertx = Vertx.vertx();
        Router router = Router.router(vertx);
        assets.mount(router);
        router.route().handler(ctx -> ctx.response().setStatusCode(404).end("gateway 404"));
        server = vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1").await();
    }

    private HttpResponse<byte[]> get(String path, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.actualPort()
                + path));
        for (int i = 0; i + 1 < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static String text(HttpResponse<byte[]> response) {
        return new String(response.body(), StandardCharsets.UTF_8);
    }

    @Test
    void theRootAndTheBarePathRedirectToTheConsole() throws Exception {
        serve(true);

        assertThat(get("/").statusCode()).isEqualTo(302);
        assertThat(get("/").headers().firstValue("location")).hasValue("/console/");
        assertThat(get("/console").headers().firstValue("location")).hasValue("/console/");
        assertThat(get("/console/").statusCode()).isEqualTo(200);
    }

    @Test
    void theAppIsServedForItsOwnRoutesNeverCachedAndLockedDown() throws Exception {
        serve(true);

        for (String path : new String[] {"/console/", "/console/keys", "/console/requests/req_123"}) {
            HttpResponse<byte[]> page = get(path);
            assertThat(page.statusCode()).as(path).isEqualTo(200);
            assertThat(text(page)).isEqualTo(INDEX);
            assertThat(page.headers().firstValue("content-type")).hasValue("text/html; charset=utf-8");
            assertThat(page.headers().firstValue("cache-control")).hasValue("no-cache");
            assertThat(page.headers().firstValue("content-security-policy").orElseThrow())
                    .contains("default-src 'self'").contains("script-src 'self'").contains("frame-ancestors 'none'")
                    .doesNotContain("unsafe-eval").doesNotContain("http");
            assertThat(page.headers().firstValue("x-frame-options")).hasValue("DENY");
            assertThat(page.headers().firstValue("x-content-type-options")).hasValue("nosniff");
        }
    }

    @Test
    void hashedAssetsAreCachedForAYearAndCompressedForBrowsersThatAcceptIt() throws Exception {
        serve(true);

        HttpResponse<byte[]> plain = get("/console/assets/index-Ab12Cd34.js");
        HttpResponse<byte[]> gzipped = get("/console/assets/index-Ab12Cd34.js", "accept-encoding", "gzip, br");

        assertThat(plain.statusCode()).isEqualTo(200);
        assertThat(text(plain)).isEqualTo(SCRIPT);
        assertThat(plain.headers().firstValue("content-type")).hasValue("text/javascript; charset=utf-8");
        assertThat(plain.headers().firstValue("cache-control")).hasValue("public, max-age=31536000, immutable");
        assertThat(plain.headers().firstValue("content-encoding")).isEmpty();
        assertThat(gzipped.headers().firstValue("content-encoding")).hasValue("gzip");
        assertThat(gzipped.body().length).isLessThan(SCRIPT.length() / 10);
        try (var in = new GZIPInputStream(new ByteArrayInputStream(gzipped.body()))) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo(SCRIPT);
        }
        assertThat(get("/console/favicon.svg").headers().firstValue("content-type")).hasValue("image/svg+xml");
    }

    @Test
    void aMissingFileIsA404NotTheApp() throws Exception {
        serve(true);

        assertThat(get("/console/assets/gone-12345678.js").statusCode()).isEqualTo(404);
        assertThat(get("/console/robots.txt").statusCode()).isEqualTo(404);
        assertThat(text(get("/console/%2e%2e/%2e%2e/etc/passwd"))).doesNotContain("root:");
    }

    @Test
    void onlyReadsAreAnswered() throws Exception {
        serve(true);

        HttpResponse<String> post = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                + server.actualPort() + "/console/")).POST(HttpRequest.BodyPublishers.ofString("x")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(post.statusCode()).isEqualTo(405);
        assertThat(post.headers().firstValue("allow")).hasValue("GET, HEAD");
    }

    @Test
    void aBuildWithoutTheConsoleSaysSo() throws Exception {
        serve(false);

        HttpResponse<byte[]> page = get("/console/");

        assertThat(page.statusCode()).isEqualTo(404);
        assertThat(text(page)).contains("-Dconsole.skip=true").contains("/api/admin/");
    }
}
