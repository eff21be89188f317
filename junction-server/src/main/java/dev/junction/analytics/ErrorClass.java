package dev.junction.analytics;

import dev.junction.observe.LoggedRequest;

/**
 * The class a request's error is counted under: its error type ({@code rate_limited}, {@code budget_exceeded}, …)
 * when it has one, else {@code http_<status>} for a status of 400 or more, else none (the empty string).
 */
public final class ErrorClass {

    private ErrorClass() {}

    /** The request's error class, empty when it succeeded. */
    public static String of(LoggedRequest request) {
        return request.errorType().filter(t -> !t.isEmpty())
                .orElse(request.status() >= 400 ? "http_" + request.status() : "");
    }
}
