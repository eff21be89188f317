package dev.junction.conversation;

import dev.junction.store.Database;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;

/**
 * The stored responses of the Responses API in the governance store (SQLite, PostgreSQL or MariaDB), so that every
 * replica continues any replica's conversation. Blocking and thread safe: run it on a database thread
 * ({@link Database#call}); {@link Conversations} does.
 */
final class StoredResponses {

    private static final String COLUMNS = "id, owner, key_id, model, created_at, expires_at, items, input_count, "
            + "response";

    private final Database database;

    StoredResponses(Database database) {
        this.database = database;
    }

    void insert(StoredResponse r) {
        database.jdbi().useHandle(handle -> handle.createUpdate("INSERT INTO stored_responses (" + COLUMNS
                        + ") VALUES (:id, :owner, :keyId, :model, :createdAt, :expiresAt, :items, :inputCount, "
                        + ":response)")
                .bind("id", r.id()).bind("owner", r.owner()).bind("keyId", r.keyId().orElse(null))
                .bind("model", r.model()).bind("createdAt", r.createdAt().toEpochMilli())
                .bind("expiresAt", r.expiresAt().toEpochMilli()).bind("items", r.items())
                .bind("inputCount", r.inputCount()).bind("response", r.response())
                .execute());
    }

    /** The response with this id of this owner, unless it expired. */
    Optional<StoredResponse> find(String id, String owner, Instant now) {
        return database.jdbi().withHandle(handle -> handle.createQuery("SELECT " + COLUMNS
                        + " FROM stored_responses WHERE id = :id AND owner = :owner AND expires_at > :now")
                .bind("id", id).bind("owner", owner).bind("now", now.toEpochMilli())
                .map((rs, ctx) -> read(rs)).findOne());
    }

    /** Deletes the response with this id of this owner; whether there was one. */
    boolean delete(String id, String owner) {
        return database.jdbi().withHandle(handle -> handle.createUpdate(
                        "DELETE FROM stored_responses WHERE id = :id AND owner = :owner")
                .bind("id", id).bind("owner", owner).execute() > 0);
    }

    /** Deletes every response that expired before {@code now}; how many. */
    int purge(Instant now) {
        return database.jdbi().withHandle(handle -> handle.createUpdate(
                "DELETE FROM stored_responses WHERE expires_at <= :now").bind("now", now.toEpochMilli()).execute());
    }

    private static StoredResponse read(ResultSet rs) throws SQLException {
        return new StoredResponse(rs.getString("id"), rs.getString("owner"), Optional.ofNullable(rs.getString("key_id")),
                rs.getString("model"), Instant.ofEpochMilli(rs.getLong("created_at")),
                Instant.ofEpochMilli(rs.getLong("expires_at")), rs.getString("items"), rs.getInt("input_count"),
                rs.getString("response"));
    }
}
