package dev.junction.conversation;

import dev.junction.config.GovernanceSettings;
import dev.junction.governance.Caller;
import dev.junction.store.Database;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Responses API's stored responses, for the data plane: found, saved and deleted on the database's own threads
 * (never the event loop), scoped to their owner, kept for the configured retention and then purged. Every replica
 * sharing the database sees every other's. Thread safe.
 */
public final class Conversations {

    private static final Logger LOG = LoggerFactory.getLogger(Conversations.class);

    private final Database database;
    private final StoredResponses responses;
    private final GovernanceSettings.ResponsesSettings settings;
    private final Clock clock;

    public Conversations(Database database, GovernanceSettings.ResponsesSettings settings, Clock clock) {
        this.database = database;
        this.responses = new StoredResponses(database);
        this.settings = settings;
        this.clock = clock;
    }

    /**
     * Who owns what a caller stores: its tenant, or for a configured gateway key (no tenant) the key's name; a
     * response is found only by callers of the same owner, so another tenant's id is a 404.
     */
    public static String owner(Caller caller) {
        return caller.attribution().tenantId().map(t -> "tenant:" + t)
                .orElse("key:" + caller.attribution().keyName());
    }

    /** Retention and size cap. */
    public GovernanceSettings.ResponsesSettings settings() {
        return settings;
    }

    /** Now, by the gateway's clock. */
    public Instant now() {
        return clock.instant();
    }

    /** The owner's unexpired response with this id. */
    public CompletableFuture<Optional<StoredResponse>> find(String id, String owner) {
        return database.call(() -> responses.find(id, owner, clock.instant()));
    }

    /** Stores a response; the future completes once it is committed, so the client's next turn finds it. */
    public CompletableFuture<Void> save(StoredResponse response) {
        return database.call(() -> {
            responses.insert(response);
            return null;
        });
    }

    /** Deletes the owner's response with this id; whether there was one. */
    public CompletableFuture<Boolean> delete(String id, String owner) {
        return database.call(() -> responses.delete(id, owner));
    }

    /** Deletes the expired responses (called periodically); logs how many. */
    public CompletableFuture<Integer> purge() {
        return database.call(() -> responses.purge(clock.instant())).whenComplete((n, e) -> {
            if (e != null) {
                LOG.warn("Could not delete expired stored responses: {}", e.toString());
            } else if (n > 0) {
                LOG.info("Deleted {} expired stored responses", n);
            }
        });
    }
}
