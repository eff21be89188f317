package dev.junction.admin;

import static io.vertx.core.http.HttpMethod.GET;

import dev.junction.entity.AuditEntry;
import dev.junction.json.Json;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code /api/admin/audit}: the trail of admin changes, newest first a page at a time, and a check of its hash chain
 * (which tells whether entries were changed or removed behind the API's back).
 */
final class AuditResource {

    private static final int DEFAULT_LIMIT = 100;
    private static final int MAX_LIMIT = 1000;

    private final AuditedWrites writes;

    AuditResource(AuditedWrites writes) {
        this.writes = writes;
    }

    /** The endpoints. */
    List<AdminRoute> routes() {
        return List.of(
                AdminRoute.of(GET, "/api/admin/audit", this::list),
                AdminRoute.of(GET, "/api/admin/audit/verify", this::verify));
    }

    private CompletionStage<Reply> list(Call call) {
        QueryParams q = call.query(Set.of("from", "to", "limit", "before"));
        int limit = q.limit(DEFAULT_LIMIT, MAX_LIMIT);
        Optional<Long> before = q.longInteger("before");
        Optional<Instant> from = q.instant("from");
        Optional<Instant> to = q.instant("to");
        Optional<Set<String>> reach = call.reach();
        return writes.read(s -> s.audit().list(from, to, limit, before, reach)).thenApply(entries -> {
            ObjectNode body = Json.object();
            ArrayNode data = body.putArray("data");
            entries.forEach(e -> data.add(render(e)));
            // A full page may have more behind it; the next one (possibly empty) tells.
            if (entries.size() == limit) {
                body.put("next_before", entries.getLast().seq());
            } else {
                body.putNull("next_before");
            }
            return Reply.ok(body);
        });
    }

    private CompletionStage<Reply> verify(Call call) {
        call.query(Set.of());
        return writes.read(s -> s.audit().verify()).thenApply(broken -> {
            ObjectNode body = Json.object().put("intact", broken.isEmpty());
            broken.ifPresent(seq -> body.put("first_broken_seq", seq));
            return Reply.ok(body);
        });
    }

    private static ObjectNode render(AuditEntry e) {
        ObjectNode node = Json.object().put("seq", e.seq()).put("at", e.at().toString()).put("actor", e.actor())
                .put("action", e.action()).put("entity", e.entity()).put("entity_id", e.entityId());
        node.set("detail", Json.tryParse(e.detailJson()).orElseGet(() -> node.stringNode(e.detailJson())));
        e.tenantId().ifPresentOrElse(t -> node.put("tenant_id", t), () -> node.putNull("tenant_id"));
        e.clientAddress().ifPresentOrElse(a -> node.put("client_address", a), () -> node.putNull("client_address"));
        return node.put("prev_hash", e.prevHash()).put("hash", e.hash());
    }
}
