package dev.junction.admin;

import dev.junction.analytics.Dimension;
import dev.junction.analytics.Histogram;
import dev.junction.analytics.RollupFigures;
import dev.junction.pricing.Costs;
import dev.junction.store.AnalyticsQuery;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import tools.jackson.databind.node.ObjectNode;

/** Renders analytics points as the admin API's JSON. */
final class AnalyticsJson {

    private AnalyticsJson() {}

    /** The group's values ({@code null} for an absent one), or nothing when the point is not grouped. */
    static void group(ObjectNode item, AnalyticsQuery.Point point) {
        if (point.group().isEmpty()) {
            return;
        }
        ObjectNode group = item.putObject("group");
        point.group().forEach((d, value) -> {
            if (value.isEmpty()) {
                group.putNull(d.wireName());
            } else {
                group.put(d.wireName(), value);
            }
        });
    }

    /** Every figure of a point. */
    static void figures(ObjectNode item, AnalyticsQuery.Point point) {
        RollupFigures f = point.figures();
        item.put("requests", f.requests()).put("errors", f.errors());
        errors(item.putObject("errors_by_class"), point.errorsByClass());
        item.put("cache_hits", f.cacheHits()).put("fallbacks", f.fallbacks())
                .put("fallbacks_caused", f.fallbacksCaused())
                .put("input_tokens", f.inputTokens()).put("output_tokens", f.outputTokens())
                .put("cached_read_tokens", f.cachedReadTokens()).put("cache_write_tokens", f.cacheWriteTokens())
                .put("reasoning_tokens", f.reasoningTokens())
                .put("metered_usd", Costs.usd(f.meteredNanos())).put("standard_usd", Costs.usd(f.standardNanos()))
                .put("charged_usd", Costs.usd(f.chargedNanos()));
        timing(item.putObject("latency_ms"), f.latency(), f.requests(), f.latencySumMillis());
        timing(item.putObject("ttft_ms"), f.ttft(), f.ttftCount(), f.ttftSumMillis());
    }

    /** Count, mean and the 50th, 95th and 99th percentiles of a timing. */
    static void timing(ObjectNode node, Histogram histogram, long count, long sumMillis) {
        node.put("count", count);
        if (count == 0) {
            node.putNull("mean").putNull("p50").putNull("p95").putNull("p99");
            return;
        }
        node.put("mean", (double) sumMillis / count);
        quantile(node, "p50", histogram.quantile(0.50));
        quantile(node, "p95", histogram.quantile(0.95));
        quantile(node, "p99", histogram.quantile(0.99));
    }

    private static void quantile(ObjectNode node, String name, OptionalDouble value) {
        if (value.isPresent()) {
            node.put(name, Math.round(value.getAsDouble() * 10) / 10.0);
        } else {
            node.putNull(name);
        }
    }

    private static void errors(ObjectNode node, Map<String, Long> byClass) {
        byClass.forEach(node::put);
    }

    /** The dimension names, for echoing {@code group_by}. */
    static String[] names(List<Dimension> dims) {
        return dims.stream().map(Dimension::wireName).toArray(String[]::new);
    }
}
