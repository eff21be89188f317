package dev.junction.config;

import dev.junction.guard.Detector;
import dev.junction.guard.Finding;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One guardrail policy ({@code guardrails.policies.<name>}): which detectors run, on the request's input, the
 * answer's output or both, what each finding leads to, and which requests the policy applies to. Immutable.
 *
 * @param actions the action per entity type or detector name; an entity type's action wins over its detector's
 * @param otherwise the action of a finding neither its entity type nor its detector names ({@code actions.default},
 *     else {@code block})
 * @param restore whether placeholders of redacted input are put back into the answer the client gets
 * @param minConfidence findings below this confidence are ignored
 * @param webhooks the external HTTP guards among the policy's detectors, called after the local detectors
 * @param schemas the JSON-schema checks among the policy's detectors, on complete answers
 * @param buffer whether a streamed answer is held back until its schema checks pass (else a failing stream ends
 *     with an error after its text has gone out)
 */
public record GuardPolicy(String name, List<Detector> detectors, Direction on, Map<String, Action> actions,
                          Action otherwise, boolean restore, double minConfidence, Scope appliesTo,
                          List<GuardWebhook> webhooks, List<GuardSchema> schemas, boolean buffer) {

    public GuardPolicy {
        detectors = List.copyOf(detectors);
        actions = Map.copyOf(actions);
        webhooks = List.copyOf(webhooks);
        schemas = List.copyOf(schemas);
    }

    /** A policy of local detectors only. */
    public GuardPolicy(String name, List<Detector> detectors, Direction on, Map<String, Action> actions,
                       Action otherwise, boolean restore, double minConfidence, Scope appliesTo) {
        this(name, detectors, on, actions, otherwise, restore, minConfidence, appliesTo, List.of(), List.of(),
                false);
    }

    /** Where a policy's detectors run. */
    public enum Direction {
        INPUT, OUTPUT, BOTH;

        public boolean input() {
            return this != OUTPUT;
        }

        public boolean output() {
            return this != INPUT;
        }

        /** The name in configuration. */
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** What a finding leads to. */
    public enum Action {
        /** Refuse the request (or end the stream) with a 400 naming the policy and entity types. */
        BLOCK,
        /** Mask the finding with a placeholder before the upstream (or the client) sees it. */
        REDACT,
        /** Let it through; log and count it. */
        FLAG;

        /** The name in configuration and in the request log. */
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * Which requests a policy applies to: each list that is not empty must contain the request's route, key name,
     * team name or tenant name; with all lists empty, every request.
     */
    public record Scope(Set<String> routes, Set<String> keys, Set<String> teams, Set<String> tenants) {

        public static final Scope EVERYWHERE = new Scope(Set.of(), Set.of(), Set.of(), Set.of());

        public Scope {
            routes = Set.copyOf(routes);
            keys = Set.copyOf(keys);
            teams = Set.copyOf(teams);
            tenants = Set.copyOf(tenants);
        }

        /** Whether a request of this route, key, team and tenant is in scope. */
        public boolean matches(String route, String key, Optional<String> team, Optional<String> tenant) {
            return (routes.isEmpty() || routes.contains(route)) && (keys.isEmpty() || keys.contains(key))
                    && (teams.isEmpty() || team.filter(teams::contains).isPresent())
                    && (tenants.isEmpty() || tenant.filter(tenants::contains).isPresent());
        }
    }

    /** The action for {@code finding} of {@code detector}. */
    public Action actionFor(Finding finding, Detector detector) {
        return actionFor(finding.entityType(), detector.name());
    }

    /** The action for a finding of {@code entityType} by the detector (or webhook) named {@code detector}. */
    public Action actionFor(String entityType, String detector) {
        Action byType = actions.get(entityType);
        if (byType != null) {
            return byType;
        }
        return actions.getOrDefault(detector, otherwise);
    }
}
