package dev.junction.sso;

/**
 * A single sign-on that could not be completed because of the issuer or its answer (not the user's standing). Its
 * message names what went wrong and never holds a token, a code or the client secret.
 */
public final class SsoFailure extends RuntimeException {

    /** A failure with this explanation. */
    public SsoFailure(String message) {
        super(message, null, false, false);
    }
}
