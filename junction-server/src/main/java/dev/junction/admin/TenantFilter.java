package dev.junction.admin;

import dev.junction.analytics.Dimension;
import dev.junction.store.AnalyticsQuery;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Narrows a query's tenant filter to the caller's tenants, server-side: a caller of every tenant asks what it asks;
 * a caller of one tenant always reads that tenant; a tenant outside the caller's reach reads nothing (as if it had
 * no data, never "forbidden"); a caller of several tenants names one. Stateless.
 */
final class TenantFilter {

    /** A tenant filter that matches nothing (no stored id contains dashes). */
    static final String NOWHERE = "-none-";

    private TenantFilter() {}

    /**
     * The tenant filter to apply.
     *
     * @param asked the filter the caller gave
     * @param param the query parameter's name, for the error
     */
    static Optional<String> narrow(Call call, Optional<String> asked, String param) {
        Optional<Set<String>> reach = call.reach();
        if (reach.isEmpty()) {
            return asked;
        }
        if (asked.isPresent()) {
            return Optional.of(reach.get().contains(asked.get()) ? asked.get() : NOWHERE);
        }
        if (reach.get().size() == 1) {
            return Optional.of(reach.get().iterator().next());
        }
        if (reach.get().isEmpty()) {
            return Optional.of(NOWHERE);
        }
        throw AdminError.invalid("'" + param + "': you may read several tenants; name one of them.");
    }

    /** An analytics request with its tenant filter narrowed. */
    static AnalyticsQuery.Request narrow(Call call, AnalyticsQuery.Request request) {
        Optional<String> asked = Optional.ofNullable(request.filters().get(Dimension.TENANT));
        Optional<String> tenant = narrow(call, asked, Dimension.TENANT.wireName());
        if (tenant.equals(asked)) {
            return request;
        }
        Map<Dimension, String> filters = new HashMap<>(request.filters());
        filters.put(Dimension.TENANT, tenant.orElseThrow());
        return new AnalyticsQuery.Request(request.from(), request.to(), request.granularity(), request.perBucket(),
                request.groupBy(), filters);
    }
}
