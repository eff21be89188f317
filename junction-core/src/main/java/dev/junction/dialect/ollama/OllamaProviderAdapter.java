package dev.junction.dialect.ollama;

import dev.junction.model.Dialect;
import dev.junction.secret.Redactor;
import dev.junction.upstream.HttpUpstreamClient;
import dev.junction.upstream.MediaFetcher;
import dev.junction.upstream.ProviderAdapter;
import dev.junction.upstream.StreamFraming;
import dev.junction.upstream.TranslatingAdapter;
import dev.junction.upstream.WireReplies;

/**
 * Calls Ollama's native chat ({@code POST <baseUrl>/api/chat}), every request translated from the canonical form
 * ({@link OllamaRequestMapper}; image URLs downloaded first, as Ollama takes only base64 images). Streams arrive as
 * NDJSON and are handed back as a wire stream of {@link Dialect#OLLAMA}, complete answers as their bytes, for the
 * server to translate with {@link OllamaCodec}.
 */
public final class OllamaProviderAdapter {

    private OllamaProviderAdapter() {}

    /** The adapter; stateless and thread safe. */
    public static ProviderAdapter create(HttpUpstreamClient http, MediaFetcher media, Redactor redactor) {
        return new TranslatingAdapter(http, media, "/api/chat", OllamaRequestMapper::fromCanonical,
                new WireReplies(Dialect.OLLAMA, OllamaErrors::classify, OllamaReplies::usage, redactor),
                StreamFraming.NDJSON);
    }
}
