package dev.junction.admin;

import static io.vertx.core.http.HttpMethod.GET;
import static io.vertx.core.http.HttpMethod.POST;

import dev.junction.admin.AuditedWrites.Entry;
import dev.junction.admin.AuditedWrites.Outcome;
import dev.junction.json.Json;
import dev.junction.rotation.KeyRingReport;
import dev.junction.rotation.ResealReport;
import dev.junction.rotation.SecretRotation;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code /api/admin/secret-keys}: the gateway's secret keys by id (never the keys), what depends on each (virtual keys
 * and service tokens hashed under it, stored secrets sealed under it) and which previous keys could be retired;
 * {@code POST /api/admin/secret-keys/reseal} re-seals stored secrets under the active key now (the gateway does it at
 * start) and records who asked in the audit trail.
 */
final class SecretKeysResource {

    private final AuditedWrites writes;
    private final SecretRotation rotation;

    SecretKeysResource(AuditedWrites writes, SecretRotation rotation) {
        this.writes = writes;
        this.rotation = rotation;
    }

    List<AdminRoute> routes() {
        return List.of(AdminRoute.of(GET, "/api/admin/secret-keys", this::show),
                AdminRoute.of(POST, "/api/admin/secret-keys/reseal", this::reseal));
    }

    private CompletionStage<Reply> show(Call call) {
        call.query(Set.of());
        return rotation.report().thenApply(report -> Reply.ok(render(report)));
    }

    private CompletionStage<Reply> reseal(Call call) {
        call.query(Set.of());
        return rotation.reseal().thenCompose(pass -> writes.write(call.actor(), s -> Outcome.changed(pass,
                new Entry("secret_keys.reseal", "secret_keys", "ring", render(pass)))))
                .thenCompose(pass -> rotation.report()).thenApply(report -> Reply.ok(render(report)));
    }

    static ObjectNode render(KeyRingReport report) {
        ObjectNode body = Json.object().put("active_key_id", report.activeKeyId());
        ArrayNode keys = body.putArray("keys");
        report.keys().forEach(k -> keys.add(render(k).put("active", k.active())));
        ArrayNode unconfigured = body.putArray("unconfigured");
        report.unconfigured().forEach(k -> unconfigured.add(render(k)));
        KeyRingReport.KeyUse unknown = report.unknownKeyId();
        body.putObject("unknown_key_id").put("virtual_keys", unknown.virtualKeys())
                .put("service_tokens", unknown.serviceTokens()).put("sealed_values", unknown.sealedValues());
        report.retirable().forEach(body.putArray("retirable")::add);
        ObjectNode reseal = body.putObject("reseal").put("running", report.resealing());
        report.lastReseal().ifPresentOrElse(last -> reseal.set("last", render(last)), () -> reseal.putNull("last"));
        return body;
    }

    private static ObjectNode render(KeyRingReport.KeyUse k) {
        return Json.object().put("id", k.id()).put("virtual_keys", k.virtualKeys())
                .put("service_tokens", k.serviceTokens()).put("sealed_values", k.sealedValues());
    }

    private static ObjectNode render(ResealReport pass) {
        ObjectNode out = Json.object().put("finished_at", pass.finishedAt().toString())
                .put("examined", pass.examined()).put("resealed", pass.resealed())
                .put("changed_meanwhile", pass.changedMeanwhile());
        pass.failed().forEach(out.putArray("failed")::add);
        return out;
    }
}
