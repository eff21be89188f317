/**
 * The response cache itself, apart from the request path: the {@link dev.junction.cache.CacheKey} (a SHA-256 over
 * the canonical request and its {@link dev.junction.cache.CacheScope}), the entry ({@link
 * dev.junction.cache.CachedAnswer}, a dialect-neutral {@link dev.junction.model.ChatResponse}), its encoding, the
 * {@link dev.junction.cache.CacheStore} backends (memory, Redis), and the assembly of a streamed answer into a complete
 * one. Knows nothing of stages; {@code stage.cache} uses it.
 */
package dev.junction.cache;
