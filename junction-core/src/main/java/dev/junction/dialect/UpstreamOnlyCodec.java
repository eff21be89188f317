package dev.junction.dialect;

import dev.junction.json.Json;
import dev.junction.model.ChatResponse;
import dev.junction.model.FinishReason;
import dev.junction.model.GatewayError;
import dev.junction.secret.Redactor;
import java.util.List;
import tools.jackson.databind.node.ObjectNode;

/**
 * The codec of a dialect that only upstreams speak (Cohere, Ollama): the gateway has no client endpoint for it, so
 * a reply of this dialect is always translated (never relayed untouched) and no error is ever rendered in it. The
 * client-side operations are therefore unreachable and say so if called. Stateless; thread safe.
 */
public abstract class UpstreamOnlyCodec implements DialectCodec {

    @Override
    public final ObjectNode responseFromCanonical(ChatResponse response) {
        throw unreachable("write a response");
    }

    @Override
    public final List<FinishReason> finishReasons(byte[] body) {
        return Json.tryParse(body).map(this::responseToCanonical).stream()
                .flatMap(r -> r.choices().stream()).flatMap(c -> c.finishReason().stream()).toList();
    }

    @Override
    public final PassThroughWatcher passThroughWatcher(Redactor redactor) {
        throw unreachable("relay a stream untouched");
    }

    @Override
    public final ObjectNode renderError(GatewayError error) {
        throw unreachable("render an error");
    }

    private IllegalStateException unreachable(String what) {
        return new IllegalStateException("No client speaks " + dialect() + ", so the gateway never has to " + what
                + " in it.");
    }

}
