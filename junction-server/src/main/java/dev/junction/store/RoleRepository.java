package dev.junction.store;

import dev.junction.json.Json;
import dev.junction.rbac.Permission;
import dev.junction.rbac.Role;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Custom roles (the built-in ones live in code, {@link dev.junction.rbac.DefaultRoles}). A stored permission this
 * build does not know is skipped when read, never widened into another. Blocking and thread safe: run it on a
 * database thread ({@link Database#call}).
 */
public final class RoleRepository {

    private final Database database;
    private final Clock clock;

    RoleRepository(Database database, Clock clock) {
        this.database = database;
        this.clock = clock;
    }

    /** Every custom role, by name. */
    public List<Role> list() {
        return database.jdbi().withHandle(handle -> handle.createQuery("SELECT name, description, permissions FROM "
                + "custom_roles ORDER BY name").map((rs, ctx) -> new Role(rs.getString("name"),
                rs.getString("description"), permissions(rs.getString("permissions")), false)).list());
    }

    /** The custom role of this name. */
    public Optional<Role> get(String name) {
        return list().stream().filter(r -> r.name().equals(name)).findFirst();
    }

    /**
     * Stores the role, replacing one of the same name.
     *
     * @return whether it existed before
     */
    public boolean put(Role role) {
        Instant now = Columns.now(clock);
        String permissions = Json.write(Json.MAPPER.valueToTree(role.permissions().stream().map(Permission::id)
                .sorted().toList()));
        return ConfigWrite.run(database, handle -> {
            boolean existed = ConfigWrite.count(handle, "custom_roles", "name", role.name()) > 0;
            if (existed) {
                handle.createUpdate("UPDATE custom_roles SET description = :description, permissions = :permissions, "
                        + "updated_at = :now WHERE name = :name").bind("name", role.name())
                        .bind("description", role.description()).bind("permissions", permissions)
                        .bind("now", Columns.millis(now)).execute();
            } else {
                handle.createUpdate("INSERT INTO custom_roles (name, description, permissions, created_at, "
                        + "updated_at) VALUES (:name, :description, :permissions, :now, :now)")
                        .bind("name", role.name()).bind("description", role.description())
                        .bind("permissions", permissions).bind("now", Columns.millis(now)).execute();
            }
            return existed;
        }, changed -> true, violation -> "the role " + role.name() + " could not be stored");
    }

    /**
     * Deletes the role and every binding of it.
     *
     * @return whether it existed
     */
    public boolean delete(String name) {
        return ConfigWrite.run(database, handle -> {
            handle.createUpdate("DELETE FROM role_bindings WHERE role = :name").bind("name", name).execute();
            return handle.createUpdate("DELETE FROM custom_roles WHERE name = :name").bind("name", name).execute() > 0;
        }, deleted -> deleted, violation -> "the role " + name + " could not be deleted");
    }

    private static Set<Permission> permissions(String json) {
        Set<Permission> out = EnumSet.noneOf(Permission.class);
        for (JsonNode id : Json.MAPPER.readTree(json)) {
            Permission.byId(id.asString()).ifPresent(out::add);
        }
        return out;
    }
}
