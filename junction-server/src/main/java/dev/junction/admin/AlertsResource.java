package dev.junction.admin;

import static io.vertx.core.http.HttpMethod.GET;
import static io.vertx.core.http.HttpMethod.POST;

import dev.junction.alert.AlertService;
import dev.junction.alert.AlertStats;
import dev.junction.alert.DeliveryResult;
import dev.junction.alert.Incident;
import dev.junction.alert.channel.Channel;
import dev.junction.config.AlertRuleDefinitions;
import dev.junction.json.Json;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code /api/admin/alerts}: the channels (addresses masked, secrets never shown), the rules, the open incidents and
 * the delivery counters; and {@code POST /api/admin/alerts/test}, which sends one test message to a channel and
 * answers with what its receiver said (200 when it took it, 502 when not).
 */
final class AlertsResource {

    private static final Set<String> TEST_FIELDS = Set.of("channel");

    private final AlertService alerts;

    AlertsResource(AlertService alerts) {
        this.alerts = alerts;
    }

    List<AdminRoute> routes() {
        return List.of(
                AdminRoute.of(GET, "/api/admin/alerts", this::list),
                AdminRoute.of(POST, "/api/admin/alerts/test", this::test));
    }

    private CompletionStage<Reply> list(Call call) {
        call.query(Set.of());
        ObjectNode body = Json.object();
        ArrayNode channels = body.putArray("channels");
        for (Channel c : alerts.channels()) {
            channels.add(AlertChannelsResource.render(c).put("source", alerts.fromFile(c.name()) ? "file" : "store"));
        }
        ArrayNode rules = body.putArray("rules");
        alerts.rules().forEach(r -> rules.add(AlertRuleDefinitions.render(r)
                .put("source", alerts.ruleFromFile(r.name()) ? "file" : "store")));
        ArrayNode incidents = body.putArray("incidents");
        for (Incident i : alerts.openIncidents()) {
            ObjectNode node = incidents.addObject().put("rule", i.rule()).put("subject", i.subject())
                    .put("summary", i.summary()).put("since", i.since().toString());
            ObjectNode facts = node.putObject("facts");
            i.facts().forEach(facts::put);
        }
        AlertStats s = alerts.stats();
        body.putObject("stats").put("queued", s.queued()).put("delivered", s.delivered()).put("retried", s.retried())
                .put("dead_lettered", s.deadLettered()).put("dropped_events", s.droppedEvents())
                .put("suppressed", s.suppressed()).put("claimed_elsewhere", s.claimedElsewhere())
                .put("open_incidents", s.openIncidents());
        return CompletableFuture.completedFuture(Reply.ok(body));
    }

    private CompletionStage<Reply> test(Call call) {
        String name = call.body(TEST_FIELDS).requiredString("channel");
        CompletableFuture<DeliveryResult> sent = alerts.test(name)
                .orElseThrow(() -> AdminError.notFound("alert channel", name));
        return sent.thenApply(result -> {
            ObjectNode body = Json.object().put("channel", result.channel()).put("delivered", result.delivered())
                    .put("tries", result.tries());
            result.status().ifPresent(st -> body.put("status", st));
            result.error().ifPresent(e -> body.put("error", e));
            return new Reply(result.delivered() ? 200 : 502, Optional.of(body));
        });
    }
}
