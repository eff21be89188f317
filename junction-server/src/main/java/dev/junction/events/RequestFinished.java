package dev.junction.events;

import dev.junction.model.FinishReason;
import dev.junction.model.GatewayError;
import dev.junction.observe.LoggedRequest;
import dev.junction.routing.AttemptRecord;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A data-plane request is over: answered, refused, failed, or abandoned by its client. Published once per request,
 * after every stage has finished (costs are known, budgets settled), for authenticated and anonymous callers alike
 * (only the former are stored in the request log). Carries no body unless the key captures bodies, and never a key.
 *
 * @param at when it ended
 * @param request what the request log stores of it (caller, model, provider, deployment, status, usage, costs, …)
 * @param operation what was asked: {@code chat}, {@code embeddings}, {@code count_tokens}, {@code models},
 *     {@code responses_state} (a stored response read or deleted), or {@code other} before decoding
 * @param dialect the client's wire format: {@code openai}, {@code responses}, {@code anthropic} or {@code gemini}
 * @param attempts every upstream attempt, in order (empty when none was made)
 * @param failure the gateway error the client got, when it got one
 * @param authenticated whether the caller was authenticated
 * @param clientGone whether the client went away before the answer was complete
 * @param durationNanos from arrival to the end of the answer
 * @param firstByteNanos from arrival to the first byte of the answer's body, -1 when none was sent
 * @param finishes why the model stopped, per choice; read on demand (a body relayed untouched is scanned for it only
 *     when an observer asks), on the publisher's thread
 */
public record RequestFinished(Instant at, LoggedRequest request, String operation, String dialect,
                              List<AttemptRecord> attempts, Optional<GatewayError> failure, boolean authenticated,
                              boolean clientGone, long durationNanos, long firstByteNanos,
                              Supplier<List<FinishReason>> finishes) implements GatewayEvent {

    /** Why the model stopped, per choice, in the order the answer told them; empty when it did not. */
    public List<FinishReason> finishReasons() {
        return finishes.get();
    }

    @Override
    public String kind() {
        return "request";
    }

    @Override
    public Optional<String> tenantId() {
        return request.caller().tenantId();
    }

    /** Whether the request ended in an answer of status 2xx. */
    public boolean succeeded() {
        return request.status() >= 200 && request.status() < 300 && failure.isEmpty() && !clientGone;
    }
}
