package dev.junction.upstream;

import dev.junction.model.ChatRequest;
import dev.junction.model.ContentPart;
import dev.junction.model.GatewayError;
import dev.junction.model.MediaSource;
import dev.junction.model.Message;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Downloads media that a client referenced by URL and inlines it, for upstreams that cannot fetch URLs themselves
 * (Gemini takes only inline bytes or its own file URIs). Guarded, since the URL is the caller's: only {@code http} and
 * {@code https}; no loopback, private, link-local, unique-local, carrier-grade NAT or multicast address (checked on the
 * resolved address, and the connection goes to exactly that address, so a DNS answer cannot change between check and
 * use); at most three redirects, each checked again; a size cap and a timeout per download. Thread safe; calls run on
 * the caller's event loop (name resolution runs on a worker thread).
 */
public final class MediaFetcher {

    /** Limits for downloads. {@code allowPrivateNetworks} lifts the address check (tests, intranet media). */
    public record Limits(long maxBytes, Duration timeout, boolean allowPrivateNetworks) {
        /** 20 MiB (Gemini's inline limit), 10 seconds, public addresses only. */
        public static final Limits DEFAULTS = new Limits(20L * 1024 * 1024, Duration.ofSeconds(10), false);
    }

    private static final int MAX_REDIRECTS = 3;
    private static final int MAX_URLS = 16;

    private final Vertx vertx;
    private final HttpClientAgent client;
    private final Limits limits;

    public MediaFetcher(Vertx vertx, Limits limits) {
        this.vertx = vertx;
        this.limits = limits;
        this.client = vertx.createHttpClient(new HttpClientOptions()
                .setConnectTimeout((int) limits.timeout().toMillis()).setMaxRedirects(0));
    }

    /** Whether a media reference is a web address ({@code http}/{@code https}) rather than inline data. */
    public static boolean isWebUrl(String url) {
        String lower = url.toLowerCase(java.util.Locale.ROOT);
        return lower.startsWith("http://") || lower.startsWith("https://");
    }

    /**
     * The request with every media URL that {@code needsInlining} selects replaced by its downloaded bytes. Fails with
     * an {@link UpstreamFailure} carrying an {@link GatewayError.InvalidRequest} that names the URL's problem.
     */
    public Future<ChatRequest> inline(ChatRequest request, Predicate<String> needsInlining) {
        List<String> urls = new ArrayList<>();
        for (Message m : request.messages()) {
            collect(m.content(), needsInlining, urls);
        }
        if (urls.isEmpty()) {
            return Future.succeededFuture(request);
        }
        if (urls.size() > MAX_URLS) {
            return invalid("The request references " + urls.size() + " media URLs; at most " + MAX_URLS
                    + " can be fetched for this upstream.");
        }
        Map<String, Future<MediaSource.Base64>> downloads = new LinkedHashMap<>();
        urls.forEach(url -> downloads.computeIfAbsent(url, u -> fetch(u, 0)));
        return Future.all(new ArrayList<>(downloads.values())).map(all -> {
            Map<String, MediaSource.Base64> done = new LinkedHashMap<>();
            downloads.forEach((url, f) -> done.put(url, f.result()));
            List<Message> messages = new ArrayList<>();
            for (Message m : request.messages()) {
                messages.add(new Message(m.role(), replace(m.content(), done), m.name()));
            }
            return new ChatRequest(request.model(), messages, request.tools(), request.toolChoice(),
                    request.parallelToolCalls(), request.sampling(), request.responseFormat(), request.reasoning(),
                    request.stream(), request.includeUsage(), request.metadata(), request.user(),
                    request.extensions());
        });
    }

    private static void collect(List<ContentPart> parts, Predicate<String> needsInlining, List<String> out) {
        for (ContentPart part : parts) {
            switch (part) {
                case ContentPart.Image i when i.source() instanceof MediaSource.Url u && needsInlining.test(u.url()) ->
                        out.add(u.url());
                case ContentPart.Document d when d.source() instanceof MediaSource.Url u
                        && needsInlining.test(u.url()) -> out.add(u.url());
                case ContentPart.Audio a when a.source() instanceof MediaSource.Url u && needsInlining.test(u.url()) ->
                        out.add(u.url());
                case ContentPart.ToolResult r -> collect(r.content(), needsInlining, out);
                default -> { }
            }
        }
    }

    private static List<ContentPart> replace(List<ContentPart> parts, Map<String, MediaSource.Base64> done) {
        List<ContentPart> out = new ArrayList<>(parts.size());
        for (ContentPart part : parts) {
            out.add(switch (part) {
                case ContentPart.Image i when i.source() instanceof MediaSource.Url u && done.containsKey(u.url()) ->
                        new ContentPart.Image(done.get(u.url()), i.detail());
                case ContentPart.Document d when d.source() instanceof MediaSource.Url u
                        && done.containsKey(u.url()) -> new ContentPart.Document(done.get(u.url()), d.filename());
                case ContentPart.Audio a when a.source() instanceof MediaSource.Url u && done.containsKey(u.url()) ->
                        new ContentPart.Audio(done.get(u.url()), a.format());
                case ContentPart.ToolResult r -> new ContentPart.ToolResult(r.toolCallId(), replace(r.content(), done),
                        r.isError());
                default -> part;
            });
        }
        return out;
    }

    private Future<MediaSource.Base64> fetch(String url, int redirects) {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            return invalid("The media URL is not a valid URL.");
        }
        String scheme = Optional.ofNullable(uri.getScheme()).orElse("");
        if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
            return invalid("Only http and https media URLs can be fetched (got '" + scheme + "').");
        }
        boolean tls = scheme.equals("https");
        int port = uri.getPort() > 0 ? uri.getPort() : tls ? 443 : 80;
        String host = uri.getHost();
        return vertx.<InetAddress>executeBlocking(() -> InetAddress.getAllByName(host)[0], false)
                .recover(e -> invalid("The media host '" + host + "' could not be resolved."))
                .compose(address -> {
                    if (!limits.allowPrivateNetworks() && !isPublic(address)) {
                        return invalid("The media URL points to a private or local address, which this gateway "
                                + "does not fetch.");
                    }
                    RequestOptions options = new RequestOptions().setMethod(HttpMethod.GET).setHost(host)
                            .setPort(port).setSsl(tls).setURI(uri.getRawPath() == null || uri.getRawPath().isEmpty()
                                    ? "/" : uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()))
                            .setServer(SocketAddress.inetSocketAddress(port, address.getHostAddress()))
                            .setTimeout(limits.timeout().toMillis()).setFollowRedirects(false);
                    return client.request(options).compose(req -> req.send()).compose(resp ->
                            read(url, resp, redirects));
                }, e -> Future.failedFuture(e));
    }

    private Future<MediaSource.Base64> read(String url, HttpClientResponse response, int redirects) {
        int status = response.statusCode();
        if (status >= 300 && status < 400 && response.getHeader("location") != null) {
            response.end();
            if (redirects >= MAX_REDIRECTS) {
                return invalid("The media URL redirected more than " + MAX_REDIRECTS + " times.");
            }
            return fetch(URI.create(url).resolve(response.getHeader("location")).toString(), redirects + 1);
        }
        if (status != 200) {
            response.end();
            return invalid("The media URL answered HTTP " + status + ".");
        }
        String length = response.getHeader("content-length");
        if (length != null && parseLong(length) > limits.maxBytes()) {
            response.request().reset();
            return tooLarge();
        }
        Promise<MediaSource.Base64> promise = Promise.promise();
        Buffer body = Buffer.buffer();
        response.handler(chunk -> {
            body.appendBuffer(chunk);
            if (body.length() > limits.maxBytes()) {
                response.request().reset();
                promise.tryFail(new UpstreamFailure(new GatewayError.InvalidRequest(tooLargeMessage())));
            }
        });
        response.exceptionHandler(e -> promise.tryFail(new UpstreamFailure(new GatewayError.InvalidRequest(
                "The media URL could not be downloaded: the connection failed."))));
        response.endHandler(v -> {
            String type = Optional.ofNullable(response.getHeader("content-type")).orElse("application/octet-stream");
            int semi = type.indexOf(';');
            promise.tryComplete(new MediaSource.Base64((semi < 0 ? type : type.substring(0, semi)).strip(),
                    Base64.getEncoder().encodeToString(body.getBytes())));
        });
        return promise.future();
    }

    /** Whether an address is on the public internet. */
    static boolean isPublic(InetAddress address) {
        if (address.isAnyLocalAddress() || address.isLoopbackAddress() || address.isLinkLocalAddress()
                || address.isSiteLocalAddress() || address.isMulticastAddress()) {
            return false;
        }
        byte[] b = address.getAddress();
        if (address instanceof Inet4Address) {
            int first = b[0] & 0xff;
            int second = b[1] & 0xff;
            return first != 0 && !(first == 100 && second >= 64 && second < 128) // carrier-grade NAT
                    && !(first == 192 && second == 0 && (b[2] & 0xff) == 0) && first < 224;
        }
        if (address instanceof Inet6Address) {
            return (b[0] & 0xfe) != 0xfc; // unique local fc00::/7
        }
        return true;
    }

    private static long parseLong(String text) {
        try {
            return Long.parseLong(text.strip());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private String tooLargeMessage() {
        return "The media URL's content is larger than " + limits.maxBytes() + " bytes, the most this gateway inlines.";
    }

    private <T> Future<T> tooLarge() {
        return Future.failedFuture(new UpstreamFailure(new GatewayError.InvalidRequest(tooLargeMessage())));
    }

    private static <T> Future<T> invalid(String message) {
        return Future.failedFuture(new UpstreamFailure(new GatewayError.InvalidRequest(message)));
    }

    /** Closes the download client. */
    public Future<Void> close() {
        return client.close();
    }
}
