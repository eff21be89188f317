package dev.junction.dialect.cohere;

import dev.junction.model.Dialect;
import dev.junction.secret.Redactor;
import dev.junction.upstream.HttpUpstreamClient;
import dev.junction.upstream.MediaFetcher;
import dev.junction.upstream.ProviderAdapter;
import dev.junction.upstream.StreamFraming;
import dev.junction.upstream.TranslatingAdapter;
import dev.junction.upstream.WireReplies;

/**
 * Calls Cohere's v2 chat ({@code POST <baseUrl>/v2/chat}, bearer key), every request translated from the canonical
 * form ({@link CohereRequestMapper}; image URLs downloaded and sent as data URLs). Streams arrive as SSE and are
 * handed back as a wire stream of {@link Dialect#COHERE}, complete answers as their bytes, for the server to
 * translate with {@link CohereCodec}.
 */
public final class CohereProviderAdapter {

    private CohereProviderAdapter() {}

    /** The adapter; stateless and thread safe. */
    public static ProviderAdapter create(HttpUpstreamClient http, MediaFetcher media, Redactor redactor) {
        return new TranslatingAdapter(http, media, "/v2/chat", CohereRequestMapper::fromCanonical,
                new WireReplies(Dialect.COHERE, CohereErrors::classify, body -> CohereReplies.usage(body.path("usage")),
                        redactor), StreamFraming.SSE);
    }
}
