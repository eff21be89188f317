package dev.junction.dialect.anthropic;

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
 * Watches a Messages stream relayed untouched to an Anthropic client. Only {@code message_start} and
 * {@code message_delta} (usage) and {@code error} are parsed, chosen by their {@code event:} name; the text and
 * tool-input deltas, most of the stream, are never decoded beyond that name. One instance per stream; not thread
 * safe.
 */
public final class AnthropicPassThroughWatcher implements PassThroughWatcher {

    private final Redactor redactor;
    private Usage usage = Usage.ZERO;
    private Optional<GatewayError> error = Optional.empty();
    private boolean complete;
    private List<FinishReason> finishes = List.of();

    public AnthropicPassThroughWatcher(Redactor redactor) {
        this.redactor = redactor;
    }

    @Override
    public void observe(SseEvent event) {
        switch (event.event()) {
            case "message_start" -> parse(event).ifPresent(data ->
                    usage = AnthropicUsage.merge(usage, data.path("message").get("usage")));
            case "message_delta" -> parse(event).ifPresent(data -> {
                usage = AnthropicUsage.merge(usage, data.get("usage"));
                String stop = data.path("delta").path("stop_reason").asString(null);
                if (stop != null) {
                    finishes = AnthropicStopReasons.read(stop).map(List::of).orElse(finishes);
                }
            });
            case "message_stop" -> complete = true;
            case "error" -> error = Optional.of(parse(event)
                    .map(data -> AnthropicErrors.classifyStreamError(data, redactor))
                    .orElseGet(() -> new GatewayError.BadGateway("The upstream stream failed.", false)));
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
