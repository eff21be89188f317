package dev.junction.routing;

import java.util.OptionalInt;

/**
 * What a deployment can serve. Unknown means "assume yes": a deployment is only skipped for a capability it is known
 * to lack.
 *
 * @param contextWindow the most tokens (input plus output) the model accepts, when known
 * @param vision whether it reads images
 * @param tools whether it calls tools
 */
public record Capabilities(OptionalInt contextWindow, boolean vision, boolean tools) {

    /** Nothing known: any request may go there. */
    public static final Capabilities UNKNOWN = new Capabilities(OptionalInt.empty(), true, true);

    /** Whether a request with these needs fits. */
    public boolean fits(RequestFacts facts) {
        if (facts.images() && !vision) {
            return false;
        }
        if (facts.tools() && !tools) {
            return false;
        }
        return contextWindow.isEmpty() || facts.totalTokens() <= contextWindow.getAsInt();
    }
}
