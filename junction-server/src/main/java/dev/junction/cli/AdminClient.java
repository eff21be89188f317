package dev.junction.cli;

import java.util.Map;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What the {@code users} and {@code keys} commands need from the governance store, in the admin API's JSON shapes:
 * from a running gateway over HTTP ({@link HttpAdminClient}) or from the database itself ({@link DirectAdminClient}),
 * so that both modes print the same. Failures are {@link CliFailure}s or {@link dev.junction.admin.AdminError}s with
 * a message for the user. Used by one thread; close it after use.
 */
interface AdminClient extends AutoCloseable {

    /**
     * The items of {@code tenants}, {@code teams}, {@code users} or {@code keys}.
     *
     * @param filters the admin API's query parameters for that list ({@code tenant_id}, {@code user_id}, …)
     */
    ArrayNode list(String resource, Map<String, String> filters);

    /** Creates a user from a {@code POST /api/admin/users} body; the user as created. */
    ObjectNode createUser(ObjectNode body);

    /**
     * Issues a key from a {@code POST /api/admin/keys} body, its {@code budgets} included: one call, one transaction,
     * so the key never exists without them. The answer holds the key itself ({@code key}) and its {@code budgets}.
     */
    ObjectNode createKey(ObjectNode body);

    /** Revokes a key (disables it, keeping it for the log); the key as it is now. */
    ObjectNode revokeKey(String id);

    /**
     * Creates a console user or a service account from a {@code POST /api/admin/principals} body; the principal as
     * created (a service account's with its token, shown once).
     */
    ObjectNode createPrincipal(ObjectNode body);

    /** Walks the audit trail's hash chain: {@code {"intact": true}} or the first broken entry's {@code seq}. */
    ObjectNode verifyAudit();

    /** Releases the connection or database. */
    @Override
    void close();
}
