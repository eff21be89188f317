package dev.junction.upstream;

import java.net.MalformedURLException;
import java.net.URI;
import java.net.URL;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Upstream URLs parsed once: a deployment sends every request to the same few URLs, and parsing one per request was
 * about 1% of a governed request's time. Bounded (a full cache starts afresh). Thread safe. A URL that does not parse
 * is not kept: the caller hands the text to the HTTP client, which fails the request with its own error.
 */
final class UpstreamUrls {

    static final int CAPACITY = 1024;

    private final ConcurrentHashMap<String, URL> parsed = new ConcurrentHashMap<>();

    /** The parsed form of an absolute URL; empty when it does not parse. */
    Optional<URL> of(String url) {
        URL known = parsed.get(url);
        if (known != null) {
            return Optional.of(known);
        }
        URL fresh;
        try {
            fresh = URI.create(url).toURL();
        } catch (MalformedURLException | IllegalArgumentException e) {
            return Optional.empty();
        }
        if (parsed.size() >= CAPACITY) {
            parsed.clear();
        }
        parsed.put(url, fresh);
        return Optional.of(fresh);
    }

    /** How many URLs are kept. */
    int size() {
        return parsed.size();
    }
}
