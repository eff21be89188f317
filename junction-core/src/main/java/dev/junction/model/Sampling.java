package dev.junction.model;

import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * Generation parameters. Every field is optional: absent means "the upstream's default", which is not the same as
 * any particular value.
 */
public record Sampling(
        OptionalInt maxTokens,
        OptionalDouble temperature,
        OptionalDouble topP,
        OptionalInt topK,
        List<String> stop,
        OptionalLong seed,
        OptionalDouble presencePenalty,
        OptionalDouble frequencyPenalty,
        OptionalInt n,
        Optional<Boolean> logprobs,
        OptionalInt topLogprobs) {

    public Sampling {
        stop = List.copyOf(stop);
    }

    /** No parameter set. */
    public static Sampling defaults() {
        return new Sampling(OptionalInt.empty(), OptionalDouble.empty(), OptionalDouble.empty(), OptionalInt.empty(),
                List.of(), OptionalLong.empty(), OptionalDouble.empty(), OptionalDouble.empty(), OptionalInt.empty(),
                Optional.empty(), OptionalInt.empty());
    }
}
