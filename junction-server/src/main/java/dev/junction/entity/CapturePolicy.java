package dev.junction.entity;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * How a tenant's request and response bodies are kept in the request log, whatever its keys and the configuration's
 * {@code request_logs.capture_bodies} say.
 */
public enum CapturePolicy {
    /** Never kept. */
    OFF,
    /** Kept for every request of the tenant (redacted of the gateway's own secrets, as every captured body). */
    ON,
    /** Kept for every request, with personal data and credentials masked ({@code [EMAIL_1]}, …) before storing. */
    REDACTED;

    /** The name the API and the store use: {@code off}, {@code on}, {@code redacted}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The policy of this name. */
    public static Optional<CapturePolicy> ofWireName(String name) {
        return Arrays.stream(values()).filter(p -> p.wireName().equals(name)).findFirst();
    }
}
