package dev.junction.routing;

import java.util.EnumSet;
import java.util.OptionalInt;
import java.util.Set;

/**
 * What a deployment can serve. Unknown means "assume yes" for its window, vision and tools: a deployment is only
 * skipped for a capability it is known to lack. Its operations are a hard limit: a deployment is never sent an
 * operation it does not list ({@link OperationKind#DEFAULT}, chat and embeddings, unless it says otherwise).
 *
 * @param contextWindow the most tokens (input plus output) the model accepts, when known
 * @param vision whether it reads images
 * @param tools whether it calls tools
 * @param operations the operations it serves
 */
public record Capabilities(OptionalInt contextWindow, boolean vision, boolean tools, Set<OperationKind> operations) {

    /** Nothing known: any chat or embeddings request may go there. */
    public static final Capabilities UNKNOWN = new Capabilities(OptionalInt.empty(), true, true);

    /** Nothing known, and any operation may go there: a model the client named itself ({@code provider/model}). */
    public static final Capabilities ANY = UNKNOWN.withOperations(OperationKind.ALL);

    /** @throws IllegalArgumentException when no operation is listed */
    public Capabilities {
        if (operations.isEmpty()) {
            throw new IllegalArgumentException("a deployment serves at least one operation");
        }
        operations = Set.copyOf(EnumSet.copyOf(operations));
    }

    /** Capabilities of a deployment serving the default operations (chat and embeddings). */
    public Capabilities(OptionalInt contextWindow, boolean vision, boolean tools) {
        this(contextWindow, vision, tools, OperationKind.DEFAULT);
    }

    /** The same capabilities serving other operations. */
    public Capabilities withOperations(Set<OperationKind> others) {
        return new Capabilities(contextWindow, vision, tools, others);
    }

    /** Whether it serves this operation. */
    public boolean serves(OperationKind operation) {
        return operations.contains(operation);
    }

    /** Whether a request with these needs fits. */
    public boolean fits(RequestFacts facts) {
        if (!serves(facts.operation())) {
            return false;
        }
        if (facts.images() && !vision) {
            return false;
        }
        if (facts.tools() && !tools) {
            return false;
        }
        return contextWindow.isEmpty() || facts.totalTokens() <= contextWindow.getAsInt();
    }
}
