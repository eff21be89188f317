package dev.junction.dialect.responses;

import java.util.UUID;

/**
 * Ids of responses and output items the gateway writes for answers of other dialects. A response id is
 * {@code resp_} followed by the upstream's id reduced to letters and digits (or a random one); item ids derive from
 * it and the item's position, so one answer always gets the same ids.
 */
final class ResponsesIds {

    private static final String RESPONSE = "resp_";

    private ResponsesIds() {}

    /** A {@code resp_…} id for an answer whose upstream id is {@code canonicalId}. */
    static String response(String canonicalId) {
        if (canonicalId.startsWith(RESPONSE)) {
            return canonicalId;
        }
        String core = canonicalId.replaceAll("[^A-Za-z0-9]", "");
        return RESPONSE + (core.isEmpty() ? UUID.randomUUID().toString().replace("-", "") : core);
    }

    /** The id of the output item at {@code outputIndex}, {@code prefix} being {@code msg}, {@code fc} or {@code rs}. */
    static String item(String prefix, String responseId, int outputIndex) {
        String core = responseId.startsWith(RESPONSE) ? responseId.substring(RESPONSE.length()) : responseId;
        return prefix + "_" + core + "_" + outputIndex;
    }
}
