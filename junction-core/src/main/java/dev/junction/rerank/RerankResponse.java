package dev.junction.rerank;

import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * The ranking an upstream answered, most relevant first. Immutable.
 *
 * @param id the upstream's id of the answer, when it gave one
 * @param results the ranked documents, most relevant first
 * @param tokens the tokens the upstream billed (Jina, Voyage), when it said
 * @param searchUnits the search units the upstream billed (Cohere), when it said
 */
public record RerankResponse(Optional<String> id, List<RerankResult> results, OptionalLong tokens,
                             OptionalDouble searchUnits) {

    public RerankResponse {
        results = List.copyOf(results);
    }
}
