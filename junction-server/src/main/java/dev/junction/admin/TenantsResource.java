package dev.junction.admin;

import static io.vertx.core.http.HttpMethod.DELETE;
import static io.vertx.core.http.HttpMethod.GET;
import static io.vertx.core.http.HttpMethod.PATCH;
import static io.vertx.core.http.HttpMethod.POST;

import dev.junction.admin.AuditedWrites.Entry;
import dev.junction.admin.AuditedWrites.Outcome;
import dev.junction.entity.Tenant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionStage;

/** {@code /api/admin/tenants}: list, create, read, update and delete tenants. */
final class TenantsResource {

    private final AuditedWrites writes;

    TenantsResource(AuditedWrites writes) {
        this.writes = writes;
    }

    /** The endpoints. */
    List<AdminRoute> routes() {
        return List.of(
                AdminRoute.of(GET, "/api/admin/tenants", this::list),
                AdminRoute.of(POST, "/api/admin/tenants", this::create),
                AdminRoute.of(GET, "/api/admin/tenants/{id}", this::get),
                AdminRoute.of(PATCH, "/api/admin/tenants/{id}", this::update),
                AdminRoute.of(DELETE, "/api/admin/tenants/{id}", this::delete));
    }

    private CompletionStage<Reply> list(Call call) {
        call.query(Set.of());
        return writes.read(s -> s.tenants().list()).thenApply(all -> Reply.list(all.stream()
                .filter(t -> call.scope().includes(t.id())).toList(), TenantJson::render));
    }

    private CompletionStage<Reply> create(Call call) {
        Tenant.Spec spec = TenantJson.spec(call.body(TenantJson.FIELDS), Optional.empty());
        return writes.write(call.actor(), s -> {
            Tenant tenant = s.tenants().create(spec);
            return Outcome.changed(tenant, Entry.created("tenant", tenant.id(), TenantJson.render(tenant)));
        }).thenApply(t -> Reply.created(TenantJson.render(t)));
    }

    private CompletionStage<Reply> get(Call call) {
        String id = call.param("id");
        return writes.read(s -> s.tenants().get(id)).thenApply(t -> Reply.ok(TenantJson.render(
                t.orElseThrow(() -> AdminError.notFound("tenant", id)))));
    }

    private CompletionStage<Reply> update(Call call) {
        String id = call.param("id");
        Fields fields = call.body(TenantJson.FIELDS);
        return writes.write(call.actor(), s -> {
            Optional<Tenant> before = s.tenants().get(id);
            if (before.isEmpty()) {
                throw AdminError.notFound("tenant", id);
            }
            Tenant.Spec spec = TenantJson.spec(fields, Optional.of(before.get().spec()));
            if (spec.equals(before.get().spec())) {
                return Outcome.unchanged(before.get());
            }
            Tenant after = s.tenants().update(id, spec).orElseThrow();
            return Outcome.changed(after, Entry.updated("tenant", id, TenantJson.render(before.get()),
                    TenantJson.render(after)));
        }).thenApply(t -> Reply.ok(TenantJson.render(t)));
    }

    private CompletionStage<Reply> delete(Call call) {
        String id = call.param("id");
        return writes.write(call.actor(), s -> {
            Tenant before = s.tenants().get(id).orElseThrow(() -> AdminError.notFound("tenant", id));
            s.tenants().delete(id);
            return Outcome.changed(before, Entry.deleted("tenant", id, TenantJson.render(before)));
        }).thenApply(t -> Reply.noContent());
    }
}
