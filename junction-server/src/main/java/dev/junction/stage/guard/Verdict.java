package dev.junction.stage.guard;

import java.util.List;
import java.util.Optional;

/**
 * What an external HTTP guard answered about a list of texts. Closed: {@link Allow}, {@link Deny} (the entity types
 * found or a reason), {@link Redact} (the texts masked), or {@link Failed} when there was no usable answer (a timeout,
 * a connection error, a status other than 2xx, a body that is not the protocol's).
 */
sealed interface Verdict {

    /** The texts may pass. */
    record Allow() implements Verdict {
    }

    /**
     * The texts must not pass.
     *
     * @param entityTypes what the guard found, upper-case identifiers; {@code DENIED} when it named none
     * @param reason the guard's own explanation, shown in the refusal (the guard must not quote the text)
     */
    record Deny(List<String> entityTypes, Optional<String> reason) implements Verdict {
        public Deny {
            entityTypes = List.copyOf(entityTypes);
        }
    }

    /**
     * The texts pass masked.
     *
     * @param texts the masked texts, one for each text sent, in order
     * @param entityTypes what was masked; {@code REDACTED} when the guard named nothing
     */
    record Redact(List<String> texts, List<String> entityTypes) implements Verdict {
        public Redact {
            texts = List.copyOf(texts);
            entityTypes = List.copyOf(entityTypes);
        }
    }

    /** No usable answer; {@code why} is for the gateway's log, never for the client. */
    record Failed(String why) implements Verdict {
    }
}
