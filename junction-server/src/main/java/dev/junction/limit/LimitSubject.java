package dev.junction.limit;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Something requests are counted against, with its limits.
 *
 * @param id the subject's key in the limiter, such as {@code key:key_abc}, {@code user:usr_1} or
 *        {@code deployment:openai/gpt-4o}; subjects with the same id share their buckets
 * @param limits the limits; {@link RateLimits#NONE} makes the limiter skip the subject
 */
public record LimitSubject(String id, RateLimits limits) {

    /** Checks the components. */
    public LimitSubject {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(limits, "limits");
    }

    /** The subjects that have limits, each id once (the first occurrence wins), in their order. */
    static List<LimitSubject> distinctLimited(List<LimitSubject> subjects) {
        Map<String, LimitSubject> byId = new LinkedHashMap<>();
        for (LimitSubject subject : subjects) {
            if (!subject.limits().isEmpty()) {
                byId.putIfAbsent(subject.id(), subject);
            }
        }
        return List.copyOf(byId.values());
    }
}
