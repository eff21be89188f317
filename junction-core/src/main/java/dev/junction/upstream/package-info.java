/**
 * Calling upstreams: the {@link dev.junction.upstream.ProviderAdapter} contract, what one attempt sends and gets
 * back, where it goes and what credential it carries ({@link dev.junction.upstream.UpstreamEndpoint}), the SSE
 * framing, and the shared HTTP client with its timeouts and cancellation. Everything here runs on a
 * Vert.x event loop and never blocks.
 */
package dev.junction.upstream;
