package dev.junction.admin;

import static io.vertx.core.http.HttpMethod.DELETE;
import static io.vertx.core.http.HttpMethod.GET;
import static io.vertx.core.http.HttpMethod.PATCH;
import static io.vertx.core.http.HttpMethod.POST;

import dev.junction.admin.AuditedWrites.Entry;
import dev.junction.admin.AuditedWrites.Outcome;
import dev.junction.entity.User;
import dev.junction.store.GovernanceStore;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionStage;

/** {@code /api/admin/users}: list (by tenant and team), create, read, update and delete users. */
final class UsersResource {

    private final AuditedWrites writes;
    private final GovernanceCommands commands;

    UsersResource(AuditedWrites writes, GovernanceCommands commands) {
        this.writes = writes;
        this.commands = commands;
    }

    /** The endpoints. */
    List<AdminRoute> routes() {
        return List.of(
                AdminRoute.of(GET, "/api/admin/users", this::list),
                AdminRoute.of(POST, "/api/admin/users", this::create),
                AdminRoute.of(GET, "/api/admin/users/{id}", this::get),
                AdminRoute.of(PATCH, "/api/admin/users/{id}", this::update),
                AdminRoute.of(DELETE, "/api/admin/users/{id}", this::delete));
    }

    private CompletionStage<Reply> list(Call call) {
        QueryParams query = call.query(Set.of("tenant_id", "team_id"));
        Optional<String> tenant = query.string("tenant_id");
        Optional<String> team = query.string("team_id");
        return writes.read(s -> tenant.map(s.users()::listByTenant).orElseGet(s.users()::list))
                .thenApply(all -> Reply.list(all.stream().filter(u -> call.scope().includes(u.tenantId()))
                        .filter(u -> team.isEmpty() || u.teamId().equals(team)).toList(), UserJson::render));
    }

    private CompletionStage<Reply> create(Call call) {
        UserJson.NewUser request = UserJson.newUser(call.body(UserJson.CREATE_FIELDS));
        if (!call.object().has("tenant_id") && call.scope().single().isPresent()) {
            // A principal of one tenant creates users there unless it says otherwise.
            request = new UserJson.NewUser(call.scope().single().get(), request.spec());
        }
        return commands.createUser(call.actor(), request).thenApply(u -> Reply.created(UserJson.render(u)));
    }

    private CompletionStage<Reply> get(Call call) {
        String id = call.param("id");
        return writes.read(s -> s.users().get(id)).thenApply(u -> Reply.ok(UserJson.render(
                u.orElseThrow(() -> AdminError.notFound("user", id)))));
    }

    private CompletionStage<Reply> update(Call call) {
        String id = call.param("id");
        Fields fields = call.body(UserJson.UPDATE_FIELDS);
        return writes.write(call.actor(), s -> {
            User before = s.users().get(id).orElseThrow(() -> AdminError.notFound("user", id));
            User.Spec spec = UserJson.spec(fields, Optional.of(before.spec()));
            if (spec.equals(before.spec())) {
                return Outcome.unchanged(before);
            }
            spec.teamId().ifPresent(team -> requireTeam(s, team, before.tenantId()));
            User after = s.users().update(id, spec).orElseThrow();
            return Outcome.changed(after, Entry.updated("user", id, UserJson.render(before), UserJson.render(after)));
        }).thenApply(u -> Reply.ok(UserJson.render(u)));
    }

    private CompletionStage<Reply> delete(Call call) {
        String id = call.param("id");
        return writes.write(call.actor(), s -> {
            User before = s.users().get(id).orElseThrow(() -> AdminError.notFound("user", id));
            s.users().delete(id);
            return Outcome.changed(before, Entry.deleted("user", id, UserJson.render(before)));
        }).thenApply(u -> Reply.noContent());
    }

    private static void requireTeam(GovernanceStore store, String teamId, String tenantId) {
        if (store.teams().get(teamId).filter(t -> t.tenantId().equals(tenantId)).isEmpty()) {
            throw AdminError.invalid("'team_id': there is no team '" + teamId + "' in tenant '" + tenantId + "'.");
        }
    }
}
