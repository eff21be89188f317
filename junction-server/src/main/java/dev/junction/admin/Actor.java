package dev.junction.admin;

import dev.junction.replica.Confirmation;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Who makes a change, by the name the audit trail records (the admin key's name, {@code cli:<os user>}), and how far
 * the change got among the replicas once it is in force, for the answer to report. Thread safe: the confirmation is
 * set on whatever thread the propagation completed on, before the write's future completes.
 */
public final class Actor {

    private final String name;
    private final AtomicReference<Confirmation> confirmation = new AtomicReference<>();

    private Actor(String name) {
        this.name = name;
    }

    /** An actor of this name, nothing reported yet. */
    public static Actor named(String name) {
        return new Actor(name);
    }

    /** The name the audit trail records. */
    public String name() {
        return name;
    }

    /** Records how far the actor's change got. */
    void confirmed(Confirmation how) {
        confirmation.set(how);
    }

    /** How far the actor's last change got; empty when it changed nothing (or could not be put in force here). */
    public Optional<Confirmation> confirmation() {
        return Optional.ofNullable(confirmation.get());
    }
}
