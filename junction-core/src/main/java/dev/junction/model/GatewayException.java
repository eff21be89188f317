package dev.junction.model;

/**
 * Carries a {@link GatewayError} through code that can only fail by throwing (parsers, mappers). It has no stack
 * trace: it is control flow for expected failures, not a bug report.
 */
public final class GatewayException extends RuntimeException {

    private final transient GatewayError error;

    public GatewayException(GatewayError error) {
        super(error.message(), null, false, false);
        this.error = error;
    }

    /** The error to render to the caller. */
    public GatewayError error() {
        return error;
    }

    /** Shorthand for a 400 about one field. */
    public static GatewayException invalid(String param, String message) {
        return new GatewayException(new GatewayError.InvalidRequest(message, java.util.Optional.of(param),
                java.util.Optional.of("invalid_value")));
    }
}
