package dev.junction.pipeline;

import dev.junction.routing.RequestFacts;
import java.util.OptionalInt;

/**
 * An {@link Operation} answered whole and producing no output tokens (embeddings, rerank, moderations): never a
 * stream, no output allowance, and facts of its kind with its estimated input tokens. Implementations give the rest
 * of the contract (model, input estimate, execution) and override a default only where they differ.
 */
public interface WholeAnswerOperation extends Operation {

    @Override
    default boolean stream() {
        return false;
    }

    @Override
    default OptionalInt maxOutputTokens() {
        return OptionalInt.of(0);
    }

    @Override
    default RequestFacts facts() {
        return RequestFacts.of(kind(), estimateInputTokens(), 0);
    }
}
