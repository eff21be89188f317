package dev.junction.stage.guard;

import dev.junction.config.GuardPolicy;
import dev.junction.guard.CompositeDetector;
import dev.junction.guard.Detector;
import dev.junction.guard.Finding;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Runs a set of policies' detectors over texts in one direction: each finding judged by its policy's action, and what
 * the judged findings add up to (the hits to report, whether to block and why). Accumulates over the texts of one
 * request or one answer; not thread safe.
 */
final class PolicyScan {

    /** A finding with the policy and detector that made it and what it leads to. */
    record Judged(Finding finding, GuardPolicy policy, Detector detector, GuardPolicy.Action action) {
    }

    private final List<GuardPolicy> policies;
    private final GuardPolicy.Direction where;
    private final List<GuardHit> hits = new ArrayList<>();
    private final Set<String> blockedTypes = new TreeSet<>();
    private GuardPolicy blockedBy;

    PolicyScan(List<GuardPolicy> policies, GuardPolicy.Direction where) {
        this.policies = policies;
        this.where = where;
    }

    /** The judged findings of every policy in {@code text}, not yet reported. */
    List<Judged> judge(CharSequence text) {
        List<Judged> judged = null;
        for (GuardPolicy policy : policies) {
            for (Detector detector : policy.detectors()) {
                for (Finding f : detector.scan(text)) {
                    if (f.confidence() >= policy.minConfidence()) {
                        if (judged == null) {
                            judged = new ArrayList<>(2);
                        }
                        judged.add(new Judged(f, policy, detector, policy.actionFor(f, detector)));
                    }
                }
            }
        }
        return judged == null ? List.of() : judged;
    }

    /** Reports {@code judged}: a hit, and for a {@code block} the refusal's reason. */
    void report(Judged judged) {
        hits.add(new GuardHit(judged.policy().name(), judged.detector().name(), judged.finding().entityType(),
                judged.action(), where));
        if (judged.action() == GuardPolicy.Action.BLOCK) {
            if (blockedBy == null) {
                blockedBy = judged.policy();
            }
            if (blockedBy == judged.policy()) {
                blockedTypes.add(judged.finding().entityType());
            }
        }
    }

    /** Judges and reports every finding in {@code text}; returns those to redact, disjoint and in order. */
    List<Finding> scan(CharSequence text) {
        List<Finding> redact = null;
        for (Judged j : judge(text)) {
            report(j);
            if (j.action() == GuardPolicy.Action.REDACT) {
                if (redact == null) {
                    redact = new ArrayList<>(2);
                }
                redact.add(j.finding());
            }
        }
        return redact == null ? List.of() : CompositeDetector.withoutOverlaps(redact);
    }

    /** Whether a reported finding's action was {@code block}. */
    boolean blocked() {
        return blockedBy != null;
    }

    /** The refusal's message: the first blocking policy and the entity types it blocked, never the text. */
    String blockMessage() {
        String subject = where == GuardPolicy.Direction.OUTPUT ? "The answer" : "The request";
        return subject + " was blocked by guardrail policy '" + blockedBy.name() + "': "
                + String.join(", ", blockedTypes) + " found in the " + where.label() + ".";
    }

    /** Whether any reported finding's action was {@code redact}. */
    boolean redacts() {
        return hits.stream().anyMatch(h -> h.action() == GuardPolicy.Action.REDACT);
    }

    /** The hits reported so far. */
    List<GuardHit> hits() {
        return hits;
    }

    /** Forgets the hits reported so far (a second pass over the same texts reports nothing twice). */
    void forgetHits() {
        hits.clear();
    }
}
