package dev.junction.upstream;

import dev.junction.model.GatewayError;

/** Why an attempt failed, as the failure of its future. No stack trace: this is an expected outcome. */
public final class UpstreamFailure extends RuntimeException {

    private final transient GatewayError error;

    public UpstreamFailure(GatewayError error) {
        super(error.message(), null, false, false);
        this.error = error;
    }

    /** The classified error. */
    public GatewayError error() {
        return error;
    }

    /** The gateway error behind any failure: an {@link UpstreamFailure}'s own, or an internal error. */
    public static GatewayError errorOf(Throwable t) {
        if (t instanceof UpstreamFailure f) {
            return f.error();
        }
        if (t instanceof dev.junction.model.GatewayException g) {
            return g.error();
        }
        return new GatewayError.Internal("Unexpected failure while calling the upstream: "
                + t.getClass().getSimpleName());
    }
}
