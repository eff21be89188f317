package dev.junction.conversation;

import java.time.Instant;
import java.util.Optional;

/**
 * A Responses API answer the gateway kept ({@code store: true}): what {@code previous_response_id} continues and
 * {@code GET /v1/responses/{id}} returns. Immutable.
 *
 * @param id the {@code resp_…} id the client was given
 * @param owner who may continue, read or delete it: the caller's tenant, or the configured key it used
 * @param keyId the virtual key that created it, when one did
 * @param model the public model the client asked for
 * @param items the conversation's input items up to and including this turn's, as a JSON array of Responses items
 * @param inputCount how many of {@code items}, at the end, were this turn's own input
 * @param response the response object as the client received it (JSON)
 */
public record StoredResponse(String id, String owner, Optional<String> keyId, String model, Instant createdAt,
                             Instant expiresAt, String items, int inputCount, String response) {

    /** The stored size in bytes, near enough: what the size cap compares. */
    public long size() {
        return (long) items.length() + response.length();
    }
}
