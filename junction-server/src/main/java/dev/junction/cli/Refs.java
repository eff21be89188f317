package dev.junction.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Finds the id of a tenant, team or user the user named by id or by name, so that commands take either
 * ({@code --user alice} or {@code --user usr_…}). A name shared by several (users of different tenants) must be given
 * as an id.
 */
final class Refs {

    private Refs() {}

    /** The id of the user with this id or name. */
    static String user(AdminClient client, String ref) {
        return find(client, "users", Map.of(), ref, "user");
    }

    /** The id of the tenant with this id or name. */
    static String tenant(AdminClient client, String ref) {
        return find(client, "tenants", Map.of(), ref, "tenant");
    }

    /** The id of the team of this tenant with this id or name. */
    static String team(AdminClient client, String tenantId, String ref) {
        return find(client, "teams", Map.of("tenant_id", tenantId), ref, "team");
    }

    private static String find(AdminClient client, String resource, Map<String, String> filters, String ref,
                               String what) {
        List<String> named = new ArrayList<>();
        for (JsonNode item : client.list(resource, filters)) {
            String id = item.path("id").asString();
            if (id.equals(ref)) {
                return id;
            }
            if (item.path("name").asString().equals(ref)) {
                named.add(id);
            }
        }
        if (named.isEmpty()) {
            throw new CliFailure("there is no " + what + " '" + ref + "'");
        }
        if (named.size() > 1) {
            throw new CliFailure("several " + what + "s are named '" + ref + "' (" + String.join(", ", named)
                    + "); give the id");
        }
        return named.getFirst();
    }
}
