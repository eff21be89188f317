package dev.junction.store;

import dev.junction.rbac.Principal;
import dev.junction.rbac.RoleBinding;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Handle;

/**
 * Console users and service accounts with their role bindings. Secrets leave only as the hashes the callers check
 * ({@link Credentials}); {@link Principal} holds none. Blocking and thread safe: run it on a database thread
 * ({@link Database#call}). Writes take the store lock; a duplicate e-mail is a {@link StoreConflict}.
 */
public final class PrincipalRepository {

    /** The prefix of principal ids. */
    public static final String ID_PREFIX = "prn";

    private static final String SELECT = "SELECT id, kind, name, email, password_hash, token_prefix, "
            + "token_expires_at, enabled, failed_sign_ins, locked_until, created_at, updated_at FROM principals";

    private final Database database;
    private final Clock clock;

    PrincipalRepository(Database database, Clock clock) {
        this.database = database;
        this.clock = clock;
    }

    /**
     * What a new principal is made of.
     *
     * @param passwordHash a console user's Argon2id hash (PHC string); empty for SSO only, and for service accounts
     * @param tokenHash a service account's token hash
     */
    public record NewPrincipal(Principal.Kind kind, String name, Optional<String> email, Optional<String> passwordHash,
                               Optional<String> tokenHash, Optional<String> tokenPrefix, Optional<String> tokenKeyId,
                               Optional<Instant> tokenExpiresAt, List<RoleBinding> bindings) {
    }

    /**
     * A principal with what a sign-in checks.
     *
     * @param passwordHash the stored hash, if any
     * @param failedSignIns failed sign-ins since the last good one
     * @param lockedUntil no sign-in is tried before this
     */
    public record Credentials(Principal principal, Optional<String> passwordHash, int failedSignIns,
                              Optional<Instant> lockedUntil) {
        @Override
        public String toString() {
            return "Credentials[" + principal.id() + "]";
        }
    }

    /** Stores a new principal and its bindings. */
    public Principal create(NewPrincipal p) {
        Instant now = Columns.now(clock);
        String id = Ids.newId(ID_PREFIX);
        return ConfigWrite.run(database, handle -> {
            handle.createUpdate("INSERT INTO principals (id, kind, name, email, password_hash, token_hash, "
                    + "token_prefix, token_key_id, token_expires_at, enabled, failed_sign_ins, created_at, updated_at) "
                    + "VALUES (:id, :kind, :name, :email, :password, :tokenHash, :tokenPrefix, :tokenKeyId, "
                    + ":tokenExpires, :enabled, 0, :now, :now)")
                    .bind("id", id).bind("kind", p.kind().id()).bind("name", p.name())
                    .bind("email", p.email().orElse(null)).bind("password", p.passwordHash().orElse(null))
                    .bind("tokenHash", p.tokenHash().orElse(null)).bind("tokenPrefix", p.tokenPrefix().orElse(null))
                    .bind("tokenKeyId", p.tokenKeyId().orElse(null))
                    .bind("tokenExpires", Columns.millis(p.tokenExpiresAt())).bind("enabled", true)
                    .bind("now", Columns.millis(now)).execute();
            writeBindings(handle, id, p.bindings());
            return get(handle, id).orElseThrow();
        }, created -> true, violation -> "a principal with the e-mail " + p.email().orElse("?") + " exists already");
    }

    /** The principal with this id. */
    public Optional<Principal> get(String id) {
        return database.jdbi().withHandle(handle -> get(handle, id));
    }

    /** Every principal, by name. */
    public List<Principal> list() {
        return database.jdbi().withHandle(handle -> {
            Map<String, List<RoleBinding>> bindings = handle.createQuery(
                    "SELECT principal_id, role, tenant_id FROM role_bindings ORDER BY principal_id, role, tenant_id")
                    .map((rs, ctx) -> Map.entry(rs.getString("principal_id"),
                            RoleBinding.fromColumns(rs.getString("role"), rs.getString("tenant_id"))))
                    .list().stream().collect(Collectors.groupingBy(Map.Entry::getKey,
                            Collectors.mapping(Map.Entry::getValue, Collectors.toList())));
            return handle.createQuery(SELECT + " ORDER BY name, id").map((rs, ctx) -> read(rs, List.of())).list()
                    .stream().map(p -> p.withBindings(bindings.getOrDefault(p.id(), List.of()))).toList();
        });
    }

    /** The console user who signs in with this e-mail (lowercase), with its password hash and lockout state. */
    public Optional<Credentials> credentialsByEmail(String email) {
        return database.jdbi().withHandle(handle -> handle.createQuery(SELECT + " WHERE email = :email")
                .bind("email", email).map((rs, ctx) -> new Credentials(read(rs, List.of()),
                        Columns.optionalString(rs, "password_hash"), rs.getInt("failed_sign_ins"),
                        Columns.optionalInstant(rs, "locked_until"))).findOne()
                .map(c -> new Credentials(c.principal().withBindings(bindings(handle, c.principal().id())),
                        c.passwordHash(), c.failedSignIns(), c.lockedUntil())));
    }

    /** The service account whose token has this hash. */
    public Optional<Principal> byTokenHash(String tokenHash) {
        return database.jdbi().withHandle(handle -> handle.createQuery(SELECT + " WHERE token_hash = :hash")
                .bind("hash", tokenHash).map((rs, ctx) -> read(rs, List.of())).findOne()
                .map(p -> p.withBindings(bindings(handle, p.id()))));
    }

    /**
     * Changes the name, the enabled flag and the bindings; empty when there is no such principal.
     */
    public Optional<Principal> update(String id, String name, boolean enabled, List<RoleBinding> bindings) {
        return ConfigWrite.run(database, handle -> {
            int rows = handle.createUpdate("UPDATE principals SET name = :name, enabled = :enabled, updated_at = :now "
                    + "WHERE id = :id").bind("id", id).bind("name", name).bind("enabled", enabled)
                    .bind("now", Columns.millis(Columns.now(clock))).execute();
            if (rows == 0) {
                return Optional.<Principal>empty();
            }
            handle.createUpdate("DELETE FROM role_bindings WHERE principal_id = :id").bind("id", id).execute();
            writeBindings(handle, id, bindings);
            return get(handle, id);
        }, Optional::isPresent, violation -> "the bindings could not be stored");
    }

    /** Sets (or clears) a console user's password hash and ends its lockout. */
    public boolean setPassword(String id, Optional<String> passwordHash) {
        return database.jdbi().withHandle(handle -> handle.createUpdate("UPDATE principals SET password_hash = :hash, "
                + "failed_sign_ins = 0, locked_until = NULL, updated_at = :now WHERE id = :id").bind("id", id)
                .bind("hash", passwordHash.orElse(null)).bind("now", Columns.millis(Columns.now(clock))).execute() > 0);
    }

    /** Replaces a service account's token. */
    public boolean setToken(String id, String tokenHash, String tokenPrefix, String tokenKeyId,
                            Optional<Instant> expiresAt) {
        return database.jdbi().withHandle(handle -> handle.createUpdate("UPDATE principals SET token_hash = :hash, "
                + "token_prefix = :prefix, token_key_id = :keyId, token_expires_at = :expires, updated_at = :now "
                + "WHERE id = :id")
                .bind("id", id).bind("hash", tokenHash).bind("prefix", tokenPrefix).bind("keyId", tokenKeyId)
                .bind("expires", Columns.millis(expiresAt)).bind("now", Columns.millis(Columns.now(clock)))
                .execute() > 0);
    }

    /** Counts a failed sign-in, locking the user until {@code lockedUntil} when given. */
    public void recordFailedSignIn(String id, Optional<Instant> lockedUntil) {
        database.jdbi().useHandle(handle -> handle.createUpdate("UPDATE principals SET failed_sign_ins = "
                + "failed_sign_ins + 1, locked_until = :locked WHERE id = :id").bind("id", id)
                .bind("locked", Columns.millis(lockedUntil)).execute());
    }

    /** Forgets the failed sign-ins after a good one. */
    public void clearFailedSignIns(String id) {
        database.jdbi().useHandle(handle -> handle.createUpdate("UPDATE principals SET failed_sign_ins = 0, "
                + "locked_until = NULL WHERE id = :id AND failed_sign_ins > 0").bind("id", id).execute());
    }

    /** Deletes the principal and its bindings; whether it existed. */
    public boolean delete(String id) {
        return ConfigWrite.run(database, handle -> {
            handle.createUpdate("DELETE FROM role_bindings WHERE principal_id = :id").bind("id", id).execute();
            handle.createUpdate("DELETE FROM console_sessions WHERE principal_id = :id").bind("id", id).execute();
            return handle.createUpdate("DELETE FROM principals WHERE id = :id").bind("id", id).execute() > 0;
        }, deleted -> deleted, violation -> "the principal could not be deleted");
    }

    private Optional<Principal> get(Handle handle, String id) {
        return handle.createQuery(SELECT + " WHERE id = :id").bind("id", id).map((rs, ctx) -> read(rs, List.of()))
                .findOne().map(p -> p.withBindings(bindings(handle, id)));
    }

    private static List<RoleBinding> bindings(Handle handle, String id) {
        return handle.createQuery("SELECT role, tenant_id FROM role_bindings WHERE principal_id = :id "
                + "ORDER BY role, tenant_id").bind("id", id)
                .map((rs, ctx) -> RoleBinding.fromColumns(rs.getString("role"), rs.getString("tenant_id"))).list();
    }

    private static void writeBindings(Handle handle, String id, List<RoleBinding> bindings) {
        for (RoleBinding b : new ArrayList<>(new java.util.LinkedHashSet<>(bindings))) {
            handle.createUpdate("INSERT INTO role_bindings (principal_id, role, tenant_id) VALUES (:id, :role, "
                    + ":tenant)").bind("id", id).bind("role", b.role()).bind("tenant", b.tenantColumn()).execute();
        }
    }

    private static Principal read(ResultSet rs, List<RoleBinding> bindings) throws SQLException {
        return new Principal(rs.getString("id"), Principal.Kind.byId(rs.getString("kind")).orElseThrow(),
                rs.getString("name"), Columns.optionalString(rs, "email"), rs.getString("password_hash") != null,
                Columns.optionalString(rs, "token_prefix"), Columns.optionalInstant(rs, "token_expires_at"),
                rs.getBoolean("enabled"), bindings, Columns.instant(rs, "created_at"),
                Columns.instant(rs, "updated_at"));
    }
}
