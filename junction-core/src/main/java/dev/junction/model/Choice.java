package dev.junction.model;

import java.util.List;
import java.util.Optional;

/** One alternative answer of a response ({@code n} > 1 yields several). */
public record Choice(int index, Message message, Optional<FinishReason> finishReason, List<TokenLogprob> logprobs) {

    public Choice {
        logprobs = List.copyOf(logprobs);
    }
}
