package dev.junction.admin;

import dev.junction.json.Json;
import dev.junction.replica.Confirmation;
import dev.junction.store.AuditTrail;
import dev.junction.store.Database;
import dev.junction.store.GovernanceStore;
import dev.junction.store.StoreRevision;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import java.util.function.LongFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads and writes of the governance store on behalf of an admin, on the database's threads (never the caller's, so
 * an event loop can use it). A write and its audit entry commit in one transaction, or neither does; once committed,
 * the change is put in force (the admin API brings this replica's snapshot to the change's revision and waits for
 * the other live replicas to confirm theirs, within a bound) before the write's future completes; how far it got is
 * reported to the {@link Actor}. Thread safe.
 */
public final class AuditedWrites {

    private static final Logger LOG = LoggerFactory.getLogger(AuditedWrites.class);

    /**
     * What a write did: its result and the audit entries to record, in order.
     *
     * @param value what the caller gets
     * @param entries the audit entries; none when nothing changed (say, the thing to update did not exist)
     */
    public record Outcome<T>(T value, List<Entry> entries) {

        /** Copies the entries. */
        public Outcome {
            entries = List.copyOf(entries);
        }

        /** A write that changed something worth recording. */
        public static <T> Outcome<T> changed(T value, Entry... entries) {
            return new Outcome<>(value, List.of(entries));
        }

        /** A write that changed nothing. */
        public static <T> Outcome<T> unchanged(T value) {
            return new Outcome<>(value, List.of());
        }
    }

    /**
     * One audit entry to append.
     *
     * @param action {@code <entity>.<verb>}, e.g. {@code key.create}
     * @param entity the kind of thing changed
     * @param entityId its id (or name, for prices)
     * @param detail the changed fields; never a secret
     */
    public record Entry(String action, String entity, String entityId, ObjectNode detail) {

        /** Checks that nothing is missing. */
        public Entry {
            Objects.requireNonNull(action, "action");
            Objects.requireNonNull(entity, "entity");
            Objects.requireNonNull(entityId, "entityId");
            Objects.requireNonNull(detail, "detail");
        }

        /** {@code <entity>.create}, with the new thing's fields. */
        public static Entry created(String entity, String id, ObjectNode rendered) {
            return new Entry(entity + ".create", entity, id, AuditDetail.of(rendered));
        }

        /** {@code <entity>.update}, with the fields that changed. */
        public static Entry updated(String entity, String id, ObjectNode before, ObjectNode after) {
            return new Entry(entity + ".update", entity, id, AuditDetail.changes(before, after));
        }

        /** {@code <entity>.delete}, with the fields the thing had. */
        public static Entry deleted(String entity, String id, ObjectNode before) {
            return new Entry(entity + ".delete", entity, id, AuditDetail.of(before));
        }
    }

    private final Database database;
    private final GovernanceStore store;
    private final LongFunction<? extends CompletionStage<Confirmation>> propagate;

    /** A committed outcome and the store revision it committed at. */
    private record Committed<T>(Outcome<T> outcome, long revision) {
    }

    /**
     * @param propagate puts a change committed at a revision in force, answering how far it got; its failure is
     *     logged, not reported to the caller (the change is committed, and the periodic poll applies it later)
     */
    public AuditedWrites(Database database, GovernanceStore store,
                         LongFunction<? extends CompletionStage<Confirmation>> propagate) {
        this.database = database;
        this.store = store;
        this.propagate = propagate;
    }

    /** The store these writes go to (for the admin API's access checks, on a database thread). */
    GovernanceStore store() {
        return store;
    }

    /** The database (for the admin API's access checks, on a database thread). */
    Database database() {
        return database;
    }

    /** Runs a read on a database thread. */
    public <T> CompletableFuture<T> read(Function<GovernanceStore, T> query) {
        return database.call(() -> query.apply(store));
    }

    /** Runs blocking work with the database itself on a database thread (queries outside the repositories). */
    public <T> CompletableFuture<T> query(Function<Database, T> query) {
        return database.call(() -> query.apply(database));
    }

    /**
     * Runs {@code change} and appends its audit entry, as {@code actor}, in one transaction on a database thread,
     * then puts it in force and completes. An exception from {@code change} (an {@link AdminError}, a
     * {@link dev.junction.store.StoreConflict}) rolls everything back and fails the future with it.
     */
    public <T> CompletableFuture<T> write(Actor actor, Function<GovernanceStore, Outcome<T>> change) {
        return database.call(() -> database.jdbi().inTransaction(handle -> {
            // The store lock first, before the change reads anything: two concurrent read-modify-writes of one
            // entity (PATCHes) then run one after the other instead of one losing the other's update.
            StoreRevision.lock(handle, database.dialect());
            // The repositories' own transactions join this one: JDBI shares the thread's handle.
            Outcome<T> outcome = change.apply(store);
            outcome.entries().forEach(e -> store.audit().append(new AuditTrail.Origin(actor.name(),
                    TenantOf.ofAudited(store, database, e), actor.clientAddress()), e.action(), e.entity(),
                    e.entityId(), Json.write(e.detail())));
            return new Committed<>(outcome, store.revision().current());
        })).thenCompose(committed -> committed.outcome().entries().isEmpty()
                ? CompletableFuture.completedFuture(committed.outcome().value())
                : propagate.apply(committed.revision()).handle((confirmation, failure) -> {
                    if (failure != null) {
                        LOG.warn("A change was stored but could not be put in force at once: {}", failure.toString());
                    } else {
                        actor.confirmed(confirmation);
                    }
                    return committed.outcome().value();
                }).toCompletableFuture());
    }
}
