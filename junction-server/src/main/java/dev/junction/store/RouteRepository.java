package dev.junction.store;

import dev.junction.config.StoredRoute;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * Routes configured through the admin API. Blocking and thread safe: run it on a database thread
 * ({@link Database#call}). Every write increments the {@link StoreRevision}; a duplicate name throws
 * {@link StoreConflict}.
 */
public final class RouteRepository {

    private static final String SELECT = "SELECT name, definition FROM routes";

    private final Database database;
    private final Clock clock;

    /** Routes of this database, timestamped by this clock. */
    public RouteRepository(Database database, Clock clock) {
        this.database = database;
        this.clock = clock;
    }

    /**
     * Stores a new route.
     *
     * @throws StoreConflict when one of that name exists
     */
    public StoredRoute create(StoredRoute route) {
        long now = Columns.now(clock).toEpochMilli();
        return ConfigWrite.run(database, handle -> {
            handle.createUpdate("INSERT INTO routes (name, definition, created_at, updated_at) "
                    + "VALUES (:name, :definition, :now, :now)")
                    .bind("name", route.name())
                    .bind("definition", route.definitionJson())
                    .bind("now", now)
                    .execute();
            return route;
        }, created -> true, violation -> "a route named '" + route.name() + "' already exists");
    }

    /** The route of this name. */
    public Optional<StoredRoute> get(String name) {
        return database.jdbi().withHandle(handle -> handle.createQuery(SELECT + " WHERE name = :name")
                .bind("name", name).map((rs, ctx) -> new StoredRoute(rs.getString("name"),
                        rs.getString("definition"))).findOne());
    }

    /** Every stored route, by name. */
    public List<StoredRoute> list() {
        return database.jdbi().withHandle(handle -> handle.createQuery(SELECT + " ORDER BY name")
                .map((rs, ctx) -> new StoredRoute(rs.getString("name"), rs.getString("definition"))).list());
    }

    /**
     * Replaces the definition of the route of that name.
     *
     * @return whether it existed
     */
    public boolean update(StoredRoute route) {
        long now = Columns.now(clock).toEpochMilli();
        return ConfigWrite.run(database, handle -> handle.createUpdate("UPDATE routes SET definition = :definition, "
                + "updated_at = :now WHERE name = :name")
                .bind("name", route.name())
                .bind("definition", route.definitionJson())
                .bind("now", now)
                .execute() > 0, updated -> updated, violation -> "route '" + route.name() + "' is in conflict");
    }

    /**
     * Deletes the route of that name.
     *
     * @return whether it existed
     */
    public boolean delete(String name) {
        return ConfigWrite.run(database, handle -> handle.createUpdate("DELETE FROM routes WHERE name = :name")
                .bind("name", name).execute() > 0, deleted -> deleted,
                violation -> "route '" + name + "' is referenced");
    }
}
