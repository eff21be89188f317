package dev.junction.config;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

/**
 * An external HTTP guard ({@code guardrails.detectors.<name>.webhook}): an operator's service that receives the texts
 * of a request or answer and answers {@code allow}, {@code deny} or {@code redact}. Immutable; {@link #toString()}
 * never shows the header values (they carry credentials).
 *
 * @param headers sent with every call (an {@code authorization} header, its value from {@code ${VAR}})
 * @param entityTypes the entity types the service may report, named in the policies' {@code actions}; others it
 *     reports are judged by the detector's name or the policy's default
 * @param failOpen whether a call that times out, cannot connect or gets a bad answer lets the text through (flagged
 *     as {@code WEBHOOK_FAILED}) instead of refusing it with a 503
 */
public record GuardWebhook(String name, URI url, Duration timeout, boolean failOpen, Map<String, String> headers,
                           Set<String> entityTypes) {

    /** The timeout when the configuration gives none. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(2);

    /** The entity type of the hit a failed call leaves (flagged when the guard fails open, else blocking). */
    public static final String FAILED = "WEBHOOK_FAILED";

    public GuardWebhook {
        headers = Map.copyOf(headers);
        entityTypes = Set.copyOf(entityTypes);
    }

    @Override
    public String toString() {
        return "GuardWebhook[" + name + " " + url + ", timeout " + timeout.toMillis() + " ms, "
                + (failOpen ? "fail open" : "fail closed") + ", headers " + headers.keySet() + "]";
    }
}
