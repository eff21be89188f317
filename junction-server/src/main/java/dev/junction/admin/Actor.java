package dev.junction.admin;

import dev.junction.rbac.Grants;
import dev.junction.replica.Confirmation;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Who makes a change: the name the audit trail records (an admin key's name, {@code user:<email> (prn_…)},
 * {@code cli:<os user>}), the principal behind it, what it may do ({@link Grants}) and the address it called from;
 * and how far the change got among the replicas once it is in force, for the answer to report. Thread safe: the
 * confirmation is set on whatever thread the propagation completed on, before the write's future completes.
 */
public final class Actor {

    private final String name;
    private final Optional<String> principalId;
    private final Grants grants;
    private final Optional<String> clientAddress;
    private final AtomicReference<Confirmation> confirmation = new AtomicReference<>();

    private Actor(String name, Optional<String> principalId, Grants grants, Optional<String> clientAddress) {
        this.name = name;
        this.principalId = principalId;
        this.grants = grants;
        this.clientAddress = clientAddress;
    }

    /** An actor of this name with every permission (an admin key, the CLI on the database), nothing reported yet. */
    public static Actor named(String name) {
        return new Actor(name, Optional.empty(), Grants.OWNER, Optional.empty());
    }

    /**
     * An actor as the admin API authenticated it.
     *
     * @param principalId the console user or service account; empty for an admin key
     * @param grants what it may do
     * @param clientAddress where it called from
     */
    public static Actor of(String name, Optional<String> principalId, Grants grants, Optional<String> clientAddress) {
        return new Actor(name, principalId, grants, clientAddress);
    }

    /** The name the audit trail records. */
    public String name() {
        return name;
    }

    /** The console user or service account; empty for an admin key or the CLI. */
    public Optional<String> principalId() {
        return principalId;
    }

    /** What the actor may do. */
    public Grants grants() {
        return grants;
    }

    /** The address the actor called from, when it came over the network. */
    public Optional<String> clientAddress() {
        return clientAddress;
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
