package dev.junction.upstream;

import io.vertx.core.Future;
import tools.jackson.databind.node.ObjectNode;

/**
 * Where a chat adapter sends the body it prepared: the URL, the headers and the credential of one attempt's request.
 * A provider served directly builds these at once from its configuration; a cloud platform may first fetch an access
 * token or reshape the body for its own envelope (Vertex AI's {@code anthropic_version}). The body is the adapter's
 * own copy: the endpoint may change it. Implementations are thread safe and never throw: a failure is a failed
 * future carrying an {@link UpstreamFailure}.
 */
@FunctionalInterface
public interface UpstreamEndpoint {

    /** The exchange that carries {@code body} for {@code call}; {@code stream} asks for an event stream. */
    Future<HttpUpstreamClient.Exchange> exchange(UpstreamCall call, ObjectNode body, boolean stream);
}
