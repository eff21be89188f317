package dev.junction.dialect.openai;

import dev.junction.dialect.PassThroughWatcher;
import dev.junction.json.Json;
import dev.junction.model.FinishReason;
import dev.junction.model.GatewayError;
import dev.junction.model.Usage;
import dev.junction.secret.Redactor;
import dev.junction.upstream.SseEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * Watches a Chat Completions stream relayed untouched. Only events that mention a usage object or start with an
 * error are parsed; everything else is checked on its bytes. It also tells the relay which event is the usage-only
 * chunk the gateway asked for on its own account, so that it can be withheld from a client that did not ask.
 */
public final class OpenAiPassThroughWatcher implements PassThroughWatcher {

    private final Redactor redactor;
    private Usage usage = Usage.ZERO;
    private GatewayError error;
    private boolean complete;
    private boolean lastWasUsageOnly;
    private List<FinishReason> finishes = List.of();

    public OpenAiPassThroughWatcher(Redactor redactor) {
        this.redactor = redactor;
    }

    @Override
    public void observe(SseEvent event) {
        lastWasUsageOnly = false;
        if (!event.hasData()) {
            return;
        }
        if (event.dataStartsWith("[DONE]")) {
            complete = true;
            return;
        }
        if (event.dataStartsWith("{\"error\"")) {
            JsonNode e = Json.tryParse(event.data()).map(n -> n.path("error")).orElse(Json.object());
            error = new GatewayError.BadGateway(redactor.redact(e.path("message")
                    .asString("The upstream stream failed.")), false);
            return;
        }
        for (String value : event.stringValues("finish_reason")) {
            OpenAiFinishReasons.read(value).ifPresent(this::finished);
        }
        if (!event.mentionsObject("usage")) {
            return;
        }
        Optional<JsonNode> chunk = Json.tryParse(event.data());
        JsonNode u = chunk.map(c -> c.get("usage")).orElse(null);
        if (u != null && u.isObject()) {
            usage = OpenAiUsage.read(u);
            lastWasUsageOnly = chunk.get().path("choices").isEmpty();
        }
    }

    /** The event just observed carried usage and no choices: the usage chunk the gateway asked for. */
    @Override
    public boolean lastWasForTheGateway() {
        return lastWasUsageOnly;
    }

    @Override
    public Usage usage() {
        return usage;
    }

    @Override
    public Optional<GatewayError> error() {
        return Optional.ofNullable(error);
    }

    @Override
    public boolean complete() {
        return complete;
    }

    @Override
    public List<FinishReason> finishReasons() {
        return finishes;
    }

    private void finished(FinishReason reason) {
        if (finishes.isEmpty()) {
            finishes = new ArrayList<>(1);
        }
        finishes.add(reason);
    }
}
