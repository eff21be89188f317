package dev.junction.admin;

import static io.vertx.core.http.HttpMethod.DELETE;
import static io.vertx.core.http.HttpMethod.GET;
import static io.vertx.core.http.HttpMethod.PATCH;
import static io.vertx.core.http.HttpMethod.POST;

import dev.junction.admin.AuditedWrites.Entry;
import dev.junction.admin.AuditedWrites.Outcome;
import dev.junction.entity.Team;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionStage;

/** {@code /api/admin/teams}: list (by tenant), create, read, update and delete teams. */
final class TeamsResource {

    private final AuditedWrites writes;

    TeamsResource(AuditedWrites writes) {
        this.writes = writes;
    }

    /** The endpoints. */
    List<AdminRoute> routes() {
        return List.of(
                AdminRoute.of(GET, "/api/admin/teams", this::list),
                AdminRoute.of(POST, "/api/admin/teams", this::create),
                AdminRoute.of(GET, "/api/admin/teams/{id}", this::get),
                AdminRoute.of(PATCH, "/api/admin/teams/{id}", this::update),
                AdminRoute.of(DELETE, "/api/admin/teams/{id}", this::delete));
    }

    private CompletionStage<Reply> list(Call call) {
        Optional<String> tenant = call.query(Set.of("tenant_id")).string("tenant_id");
        return writes.read(s -> tenant.map(s.teams()::listByTenant).orElseGet(s.teams()::list))
                .thenApply(all -> Reply.list(all.stream().filter(t -> call.scope().includes(t.tenantId())).toList(),
                        TeamJson::render));
    }

    private CompletionStage<Reply> create(Call call) {
        Fields fields = call.body(TeamJson.CREATE_FIELDS);
        String tenantId = fields.requiredString("tenant_id");
        Team.Spec spec = TeamJson.spec(fields, Optional.empty());
        return writes.write(call.actor(), s -> {
            if (s.tenants().get(tenantId).isEmpty() || !call.scope().includes(tenantId)) {
                throw AdminError.invalid("'tenant_id': there is no tenant '" + tenantId + "'.");
            }
            Team team = s.teams().create(tenantId, spec);
            return Outcome.changed(team, Entry.created("team", team.id(), TeamJson.render(team)));
        }).thenApply(t -> Reply.created(TeamJson.render(t)));
    }

    private CompletionStage<Reply> get(Call call) {
        String id = call.param("id");
        return writes.read(s -> s.teams().get(id)).thenApply(t -> Reply.ok(TeamJson.render(
                t.orElseThrow(() -> AdminError.notFound("team", id)))));
    }

    private CompletionStage<Reply> update(Call call) {
        String id = call.param("id");
        Fields fields = call.body(TeamJson.UPDATE_FIELDS);
        return writes.write(call.actor(), s -> {
            Team before = s.teams().get(id).orElseThrow(() -> AdminError.notFound("team", id));
            Team.Spec spec = TeamJson.spec(fields, Optional.of(before.spec()));
            if (spec.equals(before.spec())) {
                return Outcome.unchanged(before);
            }
            Team after = s.teams().update(id, spec).orElseThrow();
            return Outcome.changed(after, Entry.updated("team", id, TeamJson.render(before), TeamJson.render(after)));
        }).thenApply(t -> Reply.ok(TeamJson.render(t)));
    }

    private CompletionStage<Reply> delete(Call call) {
        String id = call.param("id");
        return writes.write(call.actor(), s -> {
            Team before = s.teams().get(id).orElseThrow(() -> AdminError.notFound("team", id));
            s.teams().delete(id);
            return Outcome.changed(before, Entry.deleted("team", id, TeamJson.render(before)));
        }).thenApply(t -> Reply.noContent());
    }
}
