package dev.junction.dialect.gemini;

import dev.junction.json.Json;
import dev.junction.model.Dialect;
import dev.junction.model.GatewayError;
import dev.junction.model.GatewayException;
import dev.junction.model.Usage;
import dev.junction.provider.ParamRules;
import dev.junction.provider.ProviderConfig;
import dev.junction.secret.Redactor;
import dev.junction.upstream.HttpUpstreamClient;
import dev.junction.upstream.ProviderAdapter;
import dev.junction.upstream.RateLimitHeaders;
import dev.junction.upstream.RetryAfter;
import dev.junction.upstream.UpstreamCall;
import dev.junction.upstream.UpstreamEndpoint;
import dev.junction.upstream.UpstreamRequest;
import dev.junction.upstream.UpstreamResource;
import dev.junction.upstream.MediaFetcher;
import dev.junction.upstream.UpstreamFailure;
import dev.junction.upstream.UpstreamHeaders;
import dev.junction.upstream.UpstreamReply;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.node.ObjectNode;

/**
 * Calls the Gemini API ({@code POST <baseUrl>/models/{model}:generateContent}, or
 * {@code :streamGenerateContent?alt=sse} for streams). A request from a Gemini client is forwarded as its own JSON
 * (the model is in the URL, so nothing in the body changes but the provider's parameter rules); others are
 * translated from the canonical form. Replies are handed back as wire bytes for the server to pass through or
 * translate. Stateless; thread safe.
 */
public final class GeminiProviderAdapter implements ProviderAdapter {

    private final HttpUpstreamClient http;
    private final MediaFetcher media;
    private final Redactor redactor;
    private final UpstreamEndpoint endpoint;

    /**
     * @param media downloads media a client referenced by URL: Gemini takes only inline bytes and its own file URIs
     */
    public GeminiProviderAdapter(HttpUpstreamClient http, MediaFetcher media, Redactor redactor) {
        this(http, media, redactor, UpstreamEndpoint.DIRECT);
    }

    /**
     * A Gemini adapter whose requests go to {@code endpoint} (Gemini hosted on a cloud platform) instead of the
     * provider's base URL.
     */
    public GeminiProviderAdapter(HttpUpstreamClient http, MediaFetcher media, Redactor redactor,
                                 UpstreamEndpoint endpoint) {
        this.http = http;
        this.media = media;
        this.redactor = redactor;
        this.endpoint = endpoint;
    }

    @Override
    public Future<UpstreamReply> send(UpstreamCall call) {
        if (call.request().dialect() == Dialect.GEMINI) {
            return send(call, Json.shallowCopy(call.request().body()), new LinkedHashSet<>());
        }
        return media.inline(call.request().canonical(), GeminiProviderAdapter::needsInlining).compose(request -> {
            Set<String> dropped = new LinkedHashSet<>();
            try {
                return send(call, GeminiRequestMapper.fromCanonical(request, dropped), dropped);
            } catch (GatewayException e) {
                return Future.failedFuture(new UpstreamFailure(e.error()));
            }
        });
    }

    private Future<UpstreamReply> send(UpstreamCall call, ObjectNode body, Set<String> dropped) {
        ProviderConfig provider = call.provider();
        boolean stream = call.request().stream();
        ParamRules rules = provider.params().then(call.params());
        dropped.addAll(rules.apply(body));
        Set<String> droppedView = Set.copyOf(dropped);
        UpstreamRequest outgoing = UpstreamRequest.of(UpstreamResource.ModelMethod.generateContent(stream),
                call.upstreamModel(), UpstreamHeaders.of(call, stream), Buffer.buffer(Json.bytes(body)), stream);
        return endpoint.open(provider, outgoing)
                .compose(exchange -> http.send(exchange, provider.timeouts(), call.cancellation()))
                .compose(reply -> toReply(reply, provider, droppedView));
    }

    /**
     * Whether a media URL must be downloaded and inlined: every http(s) URL except Gemini's own file URIs and YouTube
     * videos, which Gemini reads itself.
     */
    static boolean needsInlining(String url) {
        String lower = url.toLowerCase(java.util.Locale.ROOT);
        if (!lower.startsWith("http://") && !lower.startsWith("https://")) {
            return false;
        }
        return !lower.startsWith("https://generativelanguage.googleapis.com/")
                && !lower.matches("https://(www\\.|m\\.)?(youtube\\.com|youtu\\.be)/.*");
    }

    /** The endpoint for a model at a Gemini API base URL ({@link UpstreamResource.ModelMethod#directPath}). */
    static String url(String baseUrl, String model, boolean stream) {
        return baseUrl + UpstreamResource.ModelMethod.generateContent(stream).directPath(model);
    }

    private Future<UpstreamReply> toReply(HttpUpstreamClient.Reply reply, ProviderConfig provider,
                                          Set<String> dropped) {
        return switch (reply) {
            case HttpUpstreamClient.Reply.Stream s ->
                    Future.succeededFuture(new UpstreamReply.WireStream(Dialect.GEMINI, s.events(), dropped,
                            RateLimitHeaders.of(s.headers())));
            case HttpUpstreamClient.Reply.Body b when b.status() >= 400 -> Future.failedFuture(new UpstreamFailure(
                    GeminiErrors.classify(b.status(), b.body().toString(StandardCharsets.UTF_8),
                            RetryAfter.of(b.headers()), provider.name(), redactor)));
            case HttpUpstreamClient.Reply.Body b -> {
                Optional<Usage> usage = GeminiUsage.usageOf(b.body().getBytes());
                if (usage.isEmpty()) {
                    yield Future.failedFuture(new UpstreamFailure(new GatewayError.BadGateway(
                            "The upstream provider '" + provider.name() + "' returned a body that is not JSON.",
                            true)));
                }
                yield Future.succeededFuture(new UpstreamReply.Complete(Dialect.GEMINI, b.body(), usage.get(),
                        dropped, RateLimitHeaders.of(b.headers())));
            }
        };
    }
}
