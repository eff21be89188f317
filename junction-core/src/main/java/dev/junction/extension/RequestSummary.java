package dev.junction.extension;

import dev.junction.model.Usage;
import dev.junction.pricing.Costs;
import java.time.Instant;
import java.util.Optional;

/**
 * A finished request, as a {@link FinishedHook} sees it: ids, attribution, what was asked and where it went, how it
 * ended, the tokens and the three costs, the timings. Never a key; the bodies only when the operator granted them
 * ({@code extensions.plugins.<name>.bodies: true}) and the request log captured them.
 *
 * @param operation {@code chat}, {@code embeddings} …
 * @param model the public model asked for
 * @param provider the provider that answered (or was tried last); empty string when none
 * @param deployment the deployment's id; empty string when none
 * @param status the HTTP status sent
 * @param errorType the error's type when the request failed
 * @param latencyMs from arrival to the end of the answer
 * @param firstByteMs from arrival to the first byte sent, -1 when none was
 * @param requestBody the captured request body, when granted
 * @param responseBody the captured response body, when granted
 */
public record RequestSummary(String requestId, Instant startedAt, CallerInfo caller, String operation, String model,
                             String provider, String deployment, boolean stream, int status,
                             Optional<String> errorType, Usage usage, Costs costs, long latencyMs, long firstByteMs,
                             Optional<String> requestBody, Optional<String> responseBody) {
}
