package dev.junction.routing.strategy;

import dev.junction.routing.Deployment;
import java.util.List;

/**
 * Decides the order in which a group's deployments are tried for one request. One instance per route group (a
 * strategy may keep state: a round-robin position, smooth-weighted-round-robin weights), shared by every event loop:
 * implementations are thread safe and cheap (a few microseconds for a hundred deployments), and never block.
 */
public interface Strategy {

    /**
     * The deployments to try, first choice first. {@code available} holds the group's deployments that are currently
     * healthy and within their limits, in configuration order, never empty. A strategy may leave out deployments
     * that cannot serve the request (capability-aware does); it never adds any.
     */
    List<Deployment> order(List<Deployment> available, PickContext context);
}
