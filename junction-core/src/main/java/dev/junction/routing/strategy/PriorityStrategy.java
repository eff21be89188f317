package dev.junction.routing.strategy;

import dev.junction.routing.Deployment;
import java.util.List;

/**
 * {@code priority}: the deployments in configuration order, so the first available one takes all the traffic and the
 * others are its backups. Stateless; returns {@code available} itself.
 */
public final class PriorityStrategy implements Strategy {

    @Override
    public List<Deployment> order(List<Deployment> available, PickContext context) {
        return available;
    }
}
