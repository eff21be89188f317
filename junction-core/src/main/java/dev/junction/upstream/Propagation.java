package dev.junction.upstream;

import java.util.Map;

/**
 * The trace context a request carries on to its upstreams: headers such as W3C {@code traceparent} and
 * {@code tracestate}, asked once per upstream request as an adapter builds it (so once per attempt: a tracer may name
 * a span of the attempt's own). Implementations are cheap, never block and never return credentials.
 */
@FunctionalInterface
public interface Propagation {

    /** No trace context: nothing is added. */
    Propagation NONE = (provider, upstreamModel) -> Map.of();

    /**
     * The headers to add to one attempt's upstream request, names in lower case; empty when there is nothing to
     * propagate.
     *
     * @param provider the name of the provider the attempt goes to
     * @param upstreamModel the model name that provider knows
     */
    Map<String, String> headers(String provider, String upstreamModel);
}
