package dev.junction.upstream;

import java.util.Map;

/**
 * The trace context a request carries on to its upstreams: headers such as W3C {@code traceparent} and
 * {@code tracestate}, asked once per upstream request as an adapter builds it. Implementations are cheap, never block
 * and never return credentials.
 */
@FunctionalInterface
public interface Propagation {

    /** No trace context: nothing is added. */
    Propagation NONE = Map::of;

    /** The headers to add, names in lower case; empty when there is nothing to propagate. */
    Map<String, String> headers();
}
