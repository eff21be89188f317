package dev.junction.extension;

import java.util.List;

/**
 * Reorders or narrows the deployments of one route group, after the group's strategy ordered the healthy ones and
 * before the first of them is tried; called again for each group and each retry pass. Returning candidates it was
 * not given has no effect (they are ignored); returning none skips the group. Always runs on the request's event
 * loop and must not block (a few microseconds); thread safe.
 */
@FunctionalInterface
public interface RoutingHook {

    /**
     * @param group the route group's name
     * @param candidates the strategy's order, first choice first, never empty
     * @return the deployments to try, first choice first
     */
    List<Candidate> onRouting(RequestInfo info, String group, List<Candidate> candidates);
}
