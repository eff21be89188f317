package dev.junction.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * Two tenants with identical names of things (a team {@code research}, a user {@code alice} in it, her key
 * {@code laptop}, a tenant budget, one logged request each), and service accounts of chosen roles in the first; test
 * helper for the access-control tests.
 */
final class Tenancy {

    /** One tenant's things by kind ({@code tenant}, {@code team}, {@code user}, {@code key}, {@code budget},
     * {@code request}), and the key's plaintext. */
    record Things(Map<String, String> ids, String keyPlaintext) {
        String id(String kind) {
            return ids.get(kind);
        }
    }

    final Things a;
    final Things b;
    private final Gateway gateway;
    private final AdminHttp owner;

    Tenancy(Gateway gateway, String suffix) {
        this.gateway = gateway;
        this.owner = new AdminHttp(gateway);
        this.a = things("north-" + suffix);
        this.b = things("south-" + suffix);
        awaitLogged(a.id("request"));
        awaitLogged(b.id("request"));
    }

    private Things things(String tenantName) {
        Map<String, String> ids = new HashMap<>();
        ids.put("tenant", owner.create("/api/admin/tenants", "{\"name\":\"" + tenantName + "\"}").path("id").asString());
        ids.put("team", owner.create("/api/admin/teams", "{\"tenant_id\":\"" + ids.get("tenant")
                + "\",\"name\":\"research\"}").path("id").asString());
        ids.put("user", owner.create("/api/admin/users", "{\"tenant_id\":\"" + ids.get("tenant") + "\",\"team_id\":\""
                + ids.get("team") + "\",\"name\":\"alice\"}").path("id").asString());
        JsonNode key = owner.create("/api/admin/keys", "{\"user_id\":\"" + ids.get("user")
                + "\",\"name\":\"laptop\",\"capture_bodies\":true}");
        ids.put("key", key.path("id").asString());
        ids.put("budget", owner.create("/api/admin/budgets", "{\"scope\":\"tenant\",\"scope_id\":\"" + ids.get("tenant")
                + "\",\"amount_usd\":100,\"period\":\"monthly\"}").path("id").asString());
        var chat = gateway.post("/v1/chat/completions", "{\"model\":\"mock/echo\",\"messages\":[{\"role\":\"user\","
                + "\"content\":\"secret of " + tenantName + "\"}]}", "authorization", "Bearer " + key.path("key").asString());
        assertThat(chat.statusCode()).as(chat.body()).isEqualTo(200);
        ids.put("request", chat.headers().firstValue("x-request-id").orElseThrow());
        return new Things(ids, key.path("key").asString());
    }

    /** The request log writes behind the answer: wait until the owner can read each tenant's request. */
    void awaitLogged(String requestId) {
        for (int i = 0; i < 500; i++) {
            if (owner.get("/api/admin/requests/" + requestId).status() == 200) {
                return;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        throw new AssertionError("the request " + requestId + " was never logged");
    }

    /** A service account with these bindings ({@code role@tenant}, or {@code role@*}); its token. */
    String serviceAccount(String name, String... bindings) {
        StringBuilder list = new StringBuilder("[");
        for (String binding : bindings) {
            String[] parts = binding.split("@");
            if (list.length() > 1) {
                list.append(',');
            }
            list.append("{\"role\":\"").append(parts[0]).append("\",\"tenant_id\":")
                    .append(parts[1].equals("*") ? "null" : "\"" + parts[1] + "\"").append('}');
        }
        list.append(']');
        return owner.create("/api/admin/principals", "{\"kind\":\"service\",\"name\":\"" + name
                + "\",\"bindings\":" + list + "}").path("token").asString();
    }

    /** The owner's view. */
    AdminHttp owner() {
        return owner;
    }

    /** Any id of this tenant's thing of a kind. */
    static Optional<String> of(Things t, String kind) {
        return Optional.ofNullable(t.id(kind));
    }
}
