package dev.junction.provider;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which of a provider's models serve operations beyond chat and embeddings, from the catalog and the configuration:
 * glob patterns of model names by operation wire name ({@code images: ["dall-e-*", "gpt-image-*"]}), and the rerank
 * wire shape the provider speaks ({@code cohere}, {@code jina}, {@code voyage}, {@code tei}), when it reranks.
 * Immutable.
 *
 * @param models model-name patterns by operation wire name
 * @param rerankApi the rerank API's name, when the provider has one
 */
public record ProviderOperations(Map<String, List<String>> models, Optional<String> rerankApi) {

    /** Nothing known beyond chat and embeddings. */
    public static final ProviderOperations NONE = new ProviderOperations(Map.of(), Optional.empty());

    public ProviderOperations {
        Map<String, List<String>> copy = new LinkedHashMap<>();
        models.forEach((op, patterns) -> copy.put(op, List.copyOf(patterns)));
        models = java.util.Collections.unmodifiableMap(copy);
        java.util.Objects.requireNonNull(rerankApi, "rerankApi");
    }

    /**
     * The operations (wire names) this model is listed for, sorted; empty when it is listed for none (it then serves
     * what any model serves by default).
     */
    public Set<String> of(String model) {
        Set<String> found = new TreeSet<>();
        models.forEach((op, patterns) -> {
            for (String pattern : patterns) {
                if (Glob.matches(pattern, model)) {
                    found.add(op);
                }
            }
        });
        return found;
    }

    /** These operations with {@code other}'s added (its rerank API wins when it names one). */
    public ProviderOperations with(ProviderOperations other) {
        Map<String, List<String>> merged = new LinkedHashMap<>(models);
        other.models.forEach((op, patterns) -> merged.merge(op, patterns, (a, b) -> {
            List<String> all = new java.util.ArrayList<>(a);
            all.addAll(b);
            return all;
        }));
        return new ProviderOperations(merged, other.rerankApi.or(() -> rerankApi));
    }
}
