package dev.junction.stage.cache;

import dev.junction.config.CacheSettings;
import dev.junction.model.ChatRequest;
import dev.junction.model.Sampling;
import java.util.Optional;

/**
 * Whether a request's answer may be cached at all, and if not, why (for {@code X-Cache-Bypass}): answers sampled
 * with a temperature above 0 (an absent temperature is the upstream's default, above 0 for every provider) unless the
 * route or the request ({@code x-junction-cache: exact}) opts in; {@code n > 1} unless the route allows it;
 * requests for log probabilities (the cache does not keep them); requests declaring a tool the route calls
 * time-dependent. Stateless.
 */
final class Eligibility {

    private Eligibility() {}

    /** Empty when the answer may be cached, else the reason it may not. */
    static Optional<String> whyNot(ChatRequest request, CacheSettings.Policy policy, CacheControls controls) {
        Sampling s = request.sampling();
        boolean sampled = s.temperature().isEmpty() || s.temperature().getAsDouble() > 0;
        if (sampled && !policy.sampled() && !controls.explicitlyExact()) {
            return Optional.of("sampled");
        }
        if (s.n().isPresent() && s.n().getAsInt() > 1 && !policy.multipleChoices()) {
            return Optional.of("n");
        }
        if (s.logprobs().orElse(false)) {
            return Optional.of("logprobs");
        }
        boolean timed = request.tools().stream().anyMatch(t -> policy.timeDependentTools().contains(t.name()));
        return timed ? Optional.of("time-dependent-tool") : Optional.empty();
    }
}
