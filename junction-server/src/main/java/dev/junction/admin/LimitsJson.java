package dev.junction.admin;

import dev.junction.limit.RateLimits;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import tools.jackson.databind.node.ObjectNode;

/** Rate limits in the admin API's JSON: {@code rpm}, {@code tpm} and {@code max_concurrent}, {@code null} for none. */
final class LimitsJson {

    /** The field names. */
    static final Set<String> FIELDS = Set.of("rpm", "tpm", "max_concurrent");

    private LimitsJson() {}

    /** The limits with the body's fields applied over {@code current}; {@code null} removes a limit. */
    static RateLimits read(Fields fields, RateLimits current) {
        OptionalLong rpm = fields.has("rpm") ? fields.integer("rpm", 1) : current.requestsPerMinute();
        OptionalLong tpm = fields.has("tpm") ? fields.integer("tpm", 1) : current.tokensPerMinute();
        OptionalInt concurrent = current.maxConcurrent();
        if (fields.has("max_concurrent")) {
            OptionalLong value = fields.integer("max_concurrent", 1);
            if (value.isPresent() && value.getAsLong() > Integer.MAX_VALUE) {
                throw AdminError.invalid("'max_concurrent' must be at most " + Integer.MAX_VALUE + ".");
            }
            concurrent = value.isPresent() ? OptionalInt.of((int) value.getAsLong()) : OptionalInt.empty();
        }
        RateLimits limits = new RateLimits(rpm, tpm, concurrent);
        return limits.isEmpty() ? RateLimits.NONE : limits;
    }

    /** Adds the three fields to {@code node}. */
    static void write(ObjectNode node, RateLimits limits) {
        if (limits.requestsPerMinute().isPresent()) {
            node.put("rpm", limits.requestsPerMinute().getAsLong());
        } else {
            node.putNull("rpm");
        }
        if (limits.tokensPerMinute().isPresent()) {
            node.put("tpm", limits.tokensPerMinute().getAsLong());
        } else {
            node.putNull("tpm");
        }
        if (limits.maxConcurrent().isPresent()) {
            node.put("max_concurrent", limits.maxConcurrent().getAsInt());
        } else {
            node.putNull("max_concurrent");
        }
    }
}
