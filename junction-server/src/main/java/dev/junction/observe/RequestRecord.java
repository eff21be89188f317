package dev.junction.observe;

import dev.junction.model.Usage;
import dev.junction.routing.AttemptRecord;
import java.util.List;

/**
 * What the gateway knows about one request once it is over; becomes one log line. Mutable while the request runs,
 * confined to its event loop.
 */
public final class RequestRecord {

    final String requestId;
    final long startedNanos = System.nanoTime();
    String keyName = "-";
    String endpoint = "";
    String publicModel = "";
    String provider = "";
    String upstreamModel = "";
    boolean stream;
    int status;
    long firstByteNanos;
    Usage usage = Usage.ZERO;
    List<AttemptRecord> attempts = List.of();
    String errorType = "";
    String errorMessage = "";
    boolean clientDisconnected;

    public RequestRecord(String requestId) {
        this.requestId = requestId;
    }

    public String requestId() {
        return requestId;
    }

    public RequestRecord keyName(String name) {
        this.keyName = name;
        return this;
    }

    public RequestRecord endpoint(String path) {
        this.endpoint = path;
        return this;
    }

    public RequestRecord publicModel(String model) {
        this.publicModel = model;
        return this;
    }

    public RequestRecord target(String providerName, String model) {
        this.provider = providerName;
        this.upstreamModel = model;
        return this;
    }

    public RequestRecord stream(boolean isStream) {
        this.stream = isStream;
        return this;
    }

    public RequestRecord status(int code) {
        this.status = code;
        return this;
    }

    /** Marks the first byte of the body going to the client; later calls are ignored. */
    public RequestRecord firstByte() {
        if (firstByteNanos == 0) {
            firstByteNanos = System.nanoTime();
        }
        return this;
    }

    public RequestRecord usage(Usage u) {
        this.usage = u;
        return this;
    }

    public RequestRecord attempts(List<AttemptRecord> list) {
        this.attempts = List.copyOf(list);
        return this;
    }

    public RequestRecord error(String type, String message) {
        this.errorType = type;
        this.errorMessage = message;
        return this;
    }

    /** Records a gateway error by kind ({@code bad_gateway}, {@code rate_limited}, …) and message. */
    public RequestRecord error(dev.junction.model.GatewayError error) {
        String kind = error.getClass().getSimpleName().replaceAll("([a-z])([A-Z])", "$1_$2")
                .toLowerCase(java.util.Locale.ROOT);
        return error(kind, error.message());
    }

    public RequestRecord clientDisconnected() {
        this.clientDisconnected = true;
        return this;
    }
}
