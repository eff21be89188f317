package dev.junction.admin;

import static io.vertx.core.http.HttpMethod.GET;
import static io.vertx.core.http.HttpMethod.PATCH;

import dev.junction.admin.AuditedWrites.Entry;
import dev.junction.admin.AuditedWrites.Outcome;
import dev.junction.entity.Tenant;
import dev.junction.rbac.Permission;
import dev.junction.runtime.GatewayRuntime;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/**
 * {@code /api/admin/tenants/{id}/settings}: what a tenant decides for its own traffic (capabilities, providers,
 * routing strategy, markup, body capture, retention), read with {@code tenants:read} and changed with
 * {@code tenant_settings:write} in that tenant (a tenant-admin's). The markup is what the tenant is billed, so
 * changing it also needs {@code tenants:write} there. A change is audited as {@code tenant.settings} and reaches the
 * data plane with the next snapshot, like every stored change.
 */
final class TenantSettingsResource {

    private final AuditedWrites writes;
    private final Supplier<GatewayRuntime> runtime;

    TenantSettingsResource(AuditedWrites writes, Supplier<GatewayRuntime> runtime) {
        this.writes = writes;
        this.runtime = runtime;
    }

    /** The endpoints. */
    List<AdminRoute> routes() {
        return List.of(
                AdminRoute.of(GET, "/api/admin/tenants/{id}/settings", this::get),
                AdminRoute.of(PATCH, "/api/admin/tenants/{id}/settings", this::update));
    }

    private CompletionStage<Reply> get(Call call) {
        call.query(Set.of());
        String id = call.param("id");
        return writes.read(s -> s.tenants().get(id)).thenApply(t -> Reply.ok(TenantSettingsJson.render(
                t.orElseThrow(() -> AdminError.notFound("tenant", id)))));
    }

    private CompletionStage<Reply> update(Call call) {
        String id = call.param("id");
        Fields fields = call.body(TenantSettingsJson.FIELDS);
        GatewayRuntime current = runtime.get();
        var snapshot = current.governance().snapshot();
        // Another tenant's own providers are not this tenant's to name (nor to learn of from the message).
        Set<String> providers = current.config().providers().keySet().stream()
                .filter(p -> snapshot.ownerOfProvider(p).map(id::equals).orElse(true))
                .collect(java.util.stream.Collectors.toSet());
        return writes.write(call.actor(), s -> {
            Tenant before = s.tenants().get(id).orElseThrow(() -> AdminError.notFound("tenant", id));
            TenantSettingsJson.Settings after = TenantSettingsJson.read(fields, before, providers);
            if (after.spec().markup() != before.markup()
                    && !call.actor().grants().scope(Permission.TENANTS_WRITE).includes(id)) {
                throw AdminError.forbidden("'markup' is what the tenant is billed: changing it needs the permission "
                        + "tenants:write.");
            }
            if (after.spec().equals(before.spec()) && after.settings().equals(before.settings())) {
                return Outcome.unchanged(before);
            }
            Tenant changed = s.tenants().configure(id, after.spec(), after.settings()).orElseThrow();
            return Outcome.changed(changed, new Entry("tenant.settings", "tenant", id, AuditDetail.changes(
                    TenantSettingsJson.render(before), TenantSettingsJson.render(changed))));
        }).thenApply(t -> Reply.ok(TenantSettingsJson.render(t)));
    }
}
