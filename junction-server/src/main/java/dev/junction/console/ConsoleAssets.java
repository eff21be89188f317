package dev.junction.console;

import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.GZIPOutputStream;

/**
 * Serves the console's built files from the class path at {@code /console/}. Files under {@code assets/} carry a
 * content hash in their names and are cached for a year; any other path that is not a file is the app's
 * {@code index.html} (its own router shows the page), never cached. Text files go out gzip-compressed to browsers
 * that accept it. Files are read on first request and kept (the whole console is a few hundred kilobytes).
 * Every answer forbids framing, sniffing and any script, style, font or connection from another origin.
 */
public final class ConsoleAssets implements Handler<RoutingContext> {

    /** Where the console lives. */
    public static final String PATH = "/console/";
    private static final String ROOT = "dev/junction/console/";
    private static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
            + "img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; "
            + "base-uri 'self'; form-action 'self'; object-src 'none'";
    private static final Map<String, String> TYPES = Map.ofEntries(
            Map.entry("html", "text/html; charset=utf-8"), Map.entry("js", "text/javascript; charset=utf-8"),
            Map.entry("css", "text/css; charset=utf-8"), Map.entry("svg", "image/svg+xml"),
            Map.entry("json", "application/json"), Map.entry("png", "image/png"), Map.entry("ico", "image/x-icon"),
            Map.entry("woff2", "font/woff2"), Map.entry("txt", "text/plain; charset=utf-8"));

    private record Asset(String type, Buffer plain, Optional<Buffer> gzipped) {
    }

    private final ClassLoader loader;
    private final Map<String, Optional<Asset>> cache = new ConcurrentHashMap<>();

    public ConsoleAssets() {
        this(ConsoleAssets.class.getClassLoader());
    }

    ConsoleAssets(ClassLoader loader) {
        this.loader = loader;
    }

    /** Mounts the console and the redirect of {@code /} to it. */
    public void mount(Router router) {
        router.get("/").handler(ctx -> redirect(ctx, PATH));
        // Vert.x matches "/console" for "/console/" too.
        router.get("/console").handler(ctx -> {
            if (ctx.request().path().equals("/console")) {
                redirect(ctx, PATH);
            } else {
                ctx.next();
            }
        });
        router.route("/console/*").handler(this);
    }

    /** Whether this build has the console at all (it may be built with {@code -Dconsole.skip=true}). */
    public boolean built() {
        return asset("index.html").isPresent();
    }

    @Override
    public void handle(RoutingContext ctx) {
        HttpMethod method = ctx.request().method();
        HttpServerResponse response = ctx.response();
        secure(response);
        if (method != HttpMethod.GET && method != HttpMethod.HEAD) {
            response.setStatusCode(405).putHeader("allow", "GET, HEAD").end();
            return;
        }
        String relative = ctx.request().path().substring(PATH.length());
        if (relative.contains("..") || relative.contains("\\") || relative.startsWith("/")) {
            response.setStatusCode(404).end();
            return;
        }
        Optional<Asset> file = relative.isEmpty() ? Optional.empty() : asset(relative);
        if (file.isPresent()) {
            response.putHeader("cache-control", relative.startsWith("assets/")
                    ? "public, max-age=31536000, immutable" : "public, max-age=300");
            send(ctx, file.get());
            return;
        }
        if (relative.startsWith("assets/") || relative.contains(".") && !relative.endsWith(".html")) {
            response.setStatusCode(404).putHeader("content-type", "text/plain; charset=utf-8")
                    .putHeader("cache-control", "no-store").end("Not found: " + ctx.request().path());
            return;
        }
        Optional<Asset> index = asset("index.html");
        if (index.isEmpty()) {
            response.setStatusCode(404).putHeader("content-type", "text/plain; charset=utf-8").end(
                    "This build of Junction has no console (it was built with -Dconsole.skip=true). The admin API "
                    + "is at /api/admin/.");
            return;
        }
        response.putHeader("cache-control", "no-cache");
        send(ctx, index.get());
    }

    private static void redirect(RoutingContext ctx, String to) {
        ctx.response().setStatusCode(302).putHeader("location", to).putHeader("cache-control", "no-store").end();
    }

    private static void secure(HttpServerResponse response) {
        response.putHeader("content-security-policy", CSP).putHeader("x-content-type-options", "nosniff")
                .putHeader("x-frame-options", "DENY").putHeader("referrer-policy", "no-referrer")
                .putHeader("cross-origin-opener-policy", "same-origin");
    }

    private static void send(RoutingContext ctx, Asset asset) {
        HttpServerResponse response = ctx.response().putHeader("content-type", asset.type());
        String accepts = ctx.request().getHeader("accept-encoding");
        boolean gzip = asset.gzipped().isPresent() && accepts != null && accepts.toLowerCase(Locale.ROOT)
                .contains("gzip");
        response.putHeader("vary", "accept-encoding");
        Buffer body = gzip ? asset.gzipped().get() : asset.plain();
        if (gzip) {
            response.putHeader("content-encoding", "gzip");
        }
        if (ctx.request().method() == HttpMethod.HEAD) {
            response.putHeader("content-length", Integer.toString(body.length())).end();
        } else {
            response.end(body);
        }
    }

    /** Found files are kept; a path that is not a file is not (any client can ask for any number of them). */
    private Optional<Asset> asset(String relative) {
        Optional<Asset> known = cache.get(relative);
        if (known != null) {
            return known;
        }
        Optional<Asset> loaded = load(relative);
        loaded.ifPresent(a -> cache.put(relative, Optional.of(a)));
        return loaded;
    }

    private Optional<Asset> load(String relative) {
        try (InputStream in = loader.getResourceAsStream(ROOT + relative)) {
            if (in == null) {
                return Optional.empty();
            }
            byte[] bytes = in.readAllBytes();
            String extension = relative.substring(relative.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
            String type = TYPES.getOrDefault(extension, "application/octet-stream");
            boolean text = type.startsWith("text/") || type.equals("image/svg+xml") || type.equals("application/json");
            return Optional.of(new Asset(type, Buffer.buffer(bytes),
                    text && bytes.length > 1024 ? Optional.of(Buffer.buffer(gzip(bytes))) : Optional.empty()));
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read the console's " + relative, e);
        }
    }

    private static byte[] gzip(byte[] bytes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length / 3);
        try (GZIPOutputStream z = new GZIPOutputStream(out)) {
            z.write(bytes);
        }
        return out.toByteArray();
    }
}
