package dev.junction.analytics;

import dev.junction.observe.LoggedRequest;

/**
 * Whether a request fell back: its attempts ({@code deployment=status:reason@ms}, comma separated) went to more than
 * one deployment. Retries on the same deployment alone are not a fallback.
 */
public final class Fallbacks {

    private Fallbacks() {}

    /** True when the attempts name two deployments or more. */
    public static boolean fellBack(LoggedRequest request) {
        String attempts = request.attempts();
        if (attempts.indexOf(',') < 0) {
            return false;
        }
        String first = null;
        for (String attempt : attempts.split(",")) {
            int end = attempt.lastIndexOf('=');
            String deployment = end < 0 ? attempt : attempt.substring(0, end);
            if (first == null) {
                first = deployment;
            } else if (!first.equals(deployment)) {
                return true;
            }
        }
        return false;
    }
}
