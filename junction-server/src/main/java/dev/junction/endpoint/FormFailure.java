package dev.junction.endpoint;

import dev.junction.model.GatewayError;

/**
 * The client's error for a multipart form the decoder gave up on: a text field over the gateway's limit
 * ({@code server.max_form_field_size}) or a malformed body. Both are the client's mistake, a 400, never a 5xx.
 */
public final class FormFailure {

    /** What the multipart decoder says when a text field exceeds its limit. */
    private static final String FIELD_TOO_LONG = "Size exceed allowed maximum capacity";

    private FormFailure() {
    }

    /** The refusal for the decoder's {@code failure}, saying which of the two it was. */
    public static GatewayError of(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t.getMessage() != null && t.getMessage().contains(FIELD_TOO_LONG)) {
                return new GatewayError.InvalidRequest("A text field of the form is longer than the gateway accepts "
                        + "(server.max_form_field_size).");
            }
        }
        return new GatewayError.InvalidRequest("The multipart form could not be read.");
    }
}
