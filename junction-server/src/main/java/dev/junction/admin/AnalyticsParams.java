package dev.junction.admin;

import dev.junction.analytics.Dimension;
import dev.junction.analytics.Granularity;
import dev.junction.store.AnalyticsQuery;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The query parameters of the analytics endpoints, checked and turned into an {@link AnalyticsQuery.Request}: a time
 * range ({@code from}, {@code to}; by default the last day), a {@code bucket}, a {@code group_by} list and one filter
 * per dimension ({@code model=}, {@code provider=}, …). The range widens to whole buckets.
 */
final class AnalyticsParams {

    /** The most points a series may span per group (buckets in the range). */
    static final long MAX_BUCKETS = 10_000;

    private static final List<String> BUCKETS = List.of("minute", "hour", "day");
    /** The {@code source} filter's values: {@code api} by default. */
    static final List<String> SOURCES = List.of("api", "playground", "all");
    private static final Duration DEFAULT_RANGE = Duration.ofDays(1);

    private AnalyticsParams() {}

    /** Every parameter name the endpoints take. */
    static Set<String> names() {
        Set<String> names = new HashSet<>(Set.of("from", "to", "bucket", "group_by"));
        for (Dimension d : Dimension.values()) {
            names.add(d.wireName());
        }
        return names;
    }

    /**
     * The request the parameters describe.
     *
     * @param perBucket whether the answer is a series of buckets (else one total per group)
     * @param defaultGroups the grouping when {@code group_by} is absent
     * @throws AdminError when a parameter is malformed or the range is empty or too long for the bucket
     */
    static AnalyticsQuery.Request read(QueryParams q, Clock clock, boolean perBucket, List<Dimension> defaultGroups) {
        Granularity bucket = Granularity.ofWireName(q.oneOf("bucket", BUCKETS).orElse("hour"));
        Instant to = q.instant("to").orElseGet(clock::instant);
        Instant from = q.instant("from").orElse(to.minus(DEFAULT_RANGE));
        if (!to.isAfter(from)) {
            throw AdminError.invalid("'to' must be after 'from'.");
        }
        long start = bucket.bucketStart(from.toEpochMilli());
        long end = bucket.bucketStart(to.toEpochMilli() - 1) + bucket.millis();
        if (perBucket && (end - start) / bucket.millis() > MAX_BUCKETS) {
            throw AdminError.invalid("The range holds more than " + MAX_BUCKETS + " " + bucket.wireName()
                    + " buckets; use a larger bucket or a shorter range.");
        }
        List<Dimension> groups = q.string("group_by").map(AnalyticsParams::dimensions).orElse(defaultGroups);
        Map<Dimension, String> filters = new EnumMap<>(Dimension.class);
        for (Dimension d : Dimension.values()) {
            if (d != Dimension.SOURCE) {
                q.string(d.wireName()).ifPresent(value -> filters.put(d, value));
            }
        }
        // The playground's calls are left out unless asked for: source=playground, or source=all for both.
        String source = q.oneOf("source", SOURCES).orElse("api");
        if (!source.equals("all")) {
            filters.put(Dimension.SOURCE, source);
        }
        return new AnalyticsQuery.Request(Instant.ofEpochMilli(start), Instant.ofEpochMilli(end), bucket, perBucket,
                groups, filters);
    }

    private static List<Dimension> dimensions(String text) {
        List<Dimension> groups = new ArrayList<>();
        for (String name : text.split(",", -1)) {
            Dimension d;
            try {
                d = Dimension.ofWireName(name.strip());
            } catch (IllegalArgumentException e) {
                throw AdminError.invalid("'group_by' names an unknown dimension '" + name.strip()
                        + "'; expected a comma-separated list of " + Dimension.wireNames() + ".");
            }
            if (groups.contains(d)) {
                throw AdminError.invalid("'group_by' names '" + d.wireName() + "' twice.");
            }
            groups.add(d);
        }
        return groups;
    }
}
