package dev.junction.routing;

import dev.junction.model.GatewayError;
import java.util.List;

/** Every step failed, or one failed in a way that forbids trying others. Carries the error to report. */
public final class RouteFailure extends RuntimeException {

    private final transient GatewayError error;
    private final transient List<AttemptRecord> attempts;

    public RouteFailure(GatewayError error, List<AttemptRecord> attempts) {
        super(error.message(), null, false, false);
        this.error = error;
        this.attempts = List.copyOf(attempts);
    }

    /** The error to report to the client. */
    public GatewayError error() {
        return error;
    }

    /** Every attempt made. */
    public List<AttemptRecord> attempts() {
        return attempts;
    }
}
