package dev.junction.model;

import java.util.List;
import java.util.Optional;

/** The log probability of one output token, with the most likely alternatives when they were requested. */
public record TokenLogprob(String token, double logprob, Optional<List<Integer>> bytes, List<TokenLogprob> top) {

    public TokenLogprob {
        bytes = bytes.map(List::copyOf);
        top = List.copyOf(top);
    }
}
