package dev.junction.upstream;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The cached bearer-token sources of the cloud platforms (Microsoft Entra ID for Azure OpenAI, Google OAuth2 for
 * Vertex AI), one per credential identity. The server keeps one registry for its whole life, so a configuration
 * reload that keeps a provider's credentials keeps its token instead of fetching a new one, and the sources no
 * provider of the new configuration needs are dropped ({@link #retain}). When an upstream answers
 * 401 to a request that carried one of these tokens ({@link #unauthorized}), the source that issued it forgets it, so
 * that the next attempt fetches a fresh one. Thread safe.
 */
public final class BearerTokens {

    /** A source of bearer tokens that caches them. Implementations are thread safe. */
    public interface Source {

        /**
         * The upstream refused {@code token}: forget it when it is the cached one (a token that was already
         * replaced stays replaced).
         */
        void refused(String token);
    }

    private final Map<Object, Source> sources = new ConcurrentHashMap<>();

    /**
     * The source of {@code identity}, made by {@code make} on first use. The identity is a value object (a record)
     * naming the credentials and whatever else decides where tokens come from; two identities of different
     * platforms never compare equal.
     */
    @SuppressWarnings("unchecked")
    public <S extends Source> S of(Object identity, Supplier<S> make) {
        return (S) sources.computeIfAbsent(identity, key -> make.get());
    }

    /**
     * Told of a 401 reply to {@code exchange}: a bearer token it carried is dropped by the source that issued it.
     * Exchanges without a bearer credential are ignored.
     */
    public void unauthorized(HttpUpstreamClient.Exchange exchange) {
        String authorization = exchange.headers().get("authorization");
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return;
        }
        String token = authorization.substring(7).trim();
        sources.values().forEach(source -> source.refused(token));
    }

    /**
     * Keeps only the sources of {@code identities} (those the providers of the configuration in effect need, see
     * {@link UpstreamEndpoint#tokenIdentity}); the others' tokens are forgotten with them. A request still under way
     * on the previous configuration may make its source again; the next configuration change drops it.
     */
    public void retain(Set<?> identities) {
        sources.keySet().retainAll(identities);
    }

    /** {@return how many token sources are held} */
    public int size() {
        return sources.size();
    }
}
