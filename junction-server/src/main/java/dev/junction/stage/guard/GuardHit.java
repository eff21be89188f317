package dev.junction.stage.guard;

import dev.junction.config.GuardPolicy;

/**
 * One guardrail result of a request: which policy's detector found which entity type, where, and what was done.
 * Never the matched value.
 */
record GuardHit(String policy, String detector, String entityType, GuardPolicy.Action action,
                GuardPolicy.Direction where) {

    /** As the request log and the log line say it: {@code policy/detector/ENTITY:action@input}. */
    @Override
    public String toString() {
        return policy + "/" + detector + "/" + entityType + ":" + action.label() + "@" + where.label();
    }
}
