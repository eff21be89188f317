package dev.junction.admin;

import dev.junction.json.Json;
import dev.junction.store.Database;
import dev.junction.store.GovernanceStore;
import dev.junction.store.StoreRevision;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads and writes of the governance store on behalf of an admin, on the database's threads (never the caller's, so
 * an event loop can use it). A write and its audit entry commit in one transaction, or neither does; once committed,
 * the new state is published (the admin API refreshes this replica's snapshot, so the change works at once; other
 * replicas see the store's revision change within their poll). Thread safe.
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
    private final Supplier<? extends CompletionStage<?>> publish;

    /**
     * @param publish called after every committed change; its failure is logged, not reported to the caller (the
     *     change is committed, and the periodic poll publishes it later)
     */
    public AuditedWrites(Database database, GovernanceStore store, Supplier<? extends CompletionStage<?>> publish) {
        this.database = database;
        this.store = store;
        this.publish = publish;
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
     * then publishes. An exception from {@code change} (an {@link AdminError}, a
     * {@link dev.junction.store.StoreConflict}) rolls everything back and fails the future with it.
     */
    public <T> CompletableFuture<T> write(String actor, Function<GovernanceStore, Outcome<T>> change) {
        return database.call(() -> database.jdbi().inTransaction(handle -> {
            // The store lock first, before the change reads anything: two concurrent read-modify-writes of one
            // entity (PATCHes) then run one after the other instead of one losing the other's update.
            StoreRevision.lock(handle, database.dialect());
            // The repositories' own transactions join this one: JDBI shares the thread's handle.
            Outcome<T> outcome = change.apply(store);
            outcome.entries().forEach(e -> store.audit().append(actor, e.action(), e.entity(), e.entityId(),
                    Json.write(e.detail())));
            return outcome;
        })).thenCompose(outcome -> outcome.entries().isEmpty()
                ? CompletableFuture.completedFuture(outcome.value())
                : publish.get().handle((published, failure) -> {
                    if (failure != null) {
                        LOG.warn("A change was stored but could not be published at once: {}", failure.toString());
                    }
                    return outcome.value();
                }).toCompletableFuture());
    }
}
