package dev.junction.extension;

import dev.junction.model.ChatRequest;
import java.util.Objects;

/** What a {@link RequestHook} decides: let the request go on, go on with a rewritten request, or refuse it. */
public sealed interface RequestDecision {

    /** The request goes on unchanged. */
    static RequestDecision proceed() {
        return Proceed.INSTANCE;
    }

    /** The request goes on as {@code request} (the model must stay the one asked for; routing is already done). */
    static RequestDecision rewrite(ChatRequest request) {
        return new Rewrite(request);
    }

    /**
     * The request is refused with {@code status} (400-599) and {@code message}, written in the caller's dialect; the
     * message must not echo secrets.
     */
    static RequestDecision refuse(int status, String message) {
        return new Refuse(status, message);
    }

    /** Goes on unchanged. */
    enum Proceed implements RequestDecision {
        INSTANCE
    }

    /** Goes on with another canonical request. */
    record Rewrite(ChatRequest request) implements RequestDecision {
        public Rewrite {
            Objects.requireNonNull(request);
        }
    }

    /** Refused with a status and message. */
    record Refuse(int status, String message) implements RequestDecision {
        public Refuse {
            if (status < 400 || status > 599) {
                throw new IllegalArgumentException("a refusal's status must be 400-599, got " + status);
            }
            Objects.requireNonNull(message);
        }
    }
}
