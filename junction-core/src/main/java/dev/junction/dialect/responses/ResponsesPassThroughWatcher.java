package dev.junction.dialect.responses;

import dev.junction.dialect.PassThroughWatcher;
import dev.junction.json.Json;
import dev.junction.model.FinishReason;
import dev.junction.model.GatewayError;
import dev.junction.model.Usage;
import dev.junction.secret.Redactor;
import dev.junction.upstream.SseEvent;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * Watches a Responses stream relayed untouched to a Responses client. Events are told apart by their
 * {@code event:} name, read from the bytes; only the terminal {@code response.completed},
 * {@code response.incomplete} and {@code response.failed} (usage, and the failure) and {@code error} events are
 * parsed. The text and argument deltas, most of the stream, are never decoded. One instance per stream; not thread
 * safe.
 */
public final class ResponsesPassThroughWatcher implements PassThroughWatcher {

    private final Redactor redactor;
    private Usage usage = Usage.ZERO;
    private Optional<GatewayError> error = Optional.empty();
    private boolean complete;
    private List<FinishReason> finishes = List.of();

    /** @param redactor masks secrets in the messages of upstream errors */
    public ResponsesPassThroughWatcher(Redactor redactor) {
        this.redactor = redactor;
    }

    @Override
    public void observe(SseEvent event) {
        switch (event.event()) {
            case "response.completed", "response.incomplete" -> parse(event).ifPresent(data -> {
                usage = ResponsesUsage.read(data.path("response").get("usage"));
                complete = true;
                finishes = List.of(ResponsesStatus.read(data.path("response"),
                        ResponsesStatus.calledFunctions(data.path("response"))));
            });
            case "response.failed" -> {
                complete = true;
                Optional<JsonNode> data = parse(event);
                data.ifPresent(d -> usage = ResponsesUsage.read(d.path("response").get("usage")));
                error = Optional.of(ResponsesErrors.classify(data.map(d -> d.path("response").path("error"))
                        .orElse(null), redactor));
            }
            case "error" -> error = Optional.of(ResponsesErrors.classify(parse(event).orElse(null), redactor));
            default -> { /* forwarded without a look */ }
        }
    }

    @Override
    public Usage usage() {
        return usage;
    }

    @Override
    public Optional<GatewayError> error() {
        return error;
    }

    @Override
    public boolean complete() {
        return complete;
    }

    @Override
    public List<FinishReason> finishReasons() {
        return finishes;
    }

    private static Optional<JsonNode> parse(SseEvent event) {
        return Json.tryParse(event.data()).filter(JsonNode::isObject);
    }
}
