package dev.junction.testkit;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import tools.jackson.databind.JsonNode;

/**
 * One wire format the mock speaks, serving the requests {@link MockRequestHandler} routes to it by path.
 * Implementations validate like the real provider, answer generation requests through the shared
 * {@link Responder} and metadata requests (models, token counts) at once. Called on an event loop; must
 * not block.
 */
interface Wire {

    /** {@return the standard response headers of this wire format} */
    WireHeaders headers();

    /**
     * Serves one request whose body has arrived.
     *
     * @param request the request, for method, path, query parameters and headers
     * @param json the body parsed as JSON, a missing node when it is empty or not JSON
     * @param exchange the response in flight
     */
    void serve(HttpServerRequest request, JsonNode json, Exchange exchange);

    /**
     * Serves one request whose body has arrived, for wires that read a body that is not JSON (a form); the others
     * serve its JSON.
     *
     * @param body the body as received
     */
    default void serve(HttpServerRequest request, Buffer body, JsonNode json, Exchange exchange) {
        serve(request, json, exchange);
    }
}
