package dev.junction.admin;

import static io.vertx.core.http.HttpMethod.DELETE;
import static io.vertx.core.http.HttpMethod.PUT;

import dev.junction.admin.AuditedWrites.Entry;
import dev.junction.admin.AuditedWrites.Outcome;
import dev.junction.alert.AlertService;
import dev.junction.config.AlertRuleDefinitions;
import dev.junction.config.AlertSettings;
import dev.junction.json.Json;
import dev.junction.store.StoredAlertRule;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.regex.Pattern;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code /api/admin/alerts/rules/{name}}: alert rules kept in the store, beside the file's. {@code PUT} creates or
 * replaces one from a definition with the keys of a rule in the file's {@code alerts.rules} (its name is the path's),
 * read by the file's own reader, so that the same mistakes get the same words; {@code ?dry_run=true} only checks it.
 * The channels it names must exist (in the file or the store). A name the file uses is a conflict. Every replica
 * picks a change up with the store's revision, this one before it answers; the rule starts counting then.
 */
final class AlertRulesResource {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");

    private final AuditedWrites writes;
    private final AlertService alerts;

    AlertRulesResource(AuditedWrites writes, AlertService alerts) {
        this.writes = writes;
        this.alerts = alerts;
    }

    List<AdminRoute> routes() {
        return List.of(
                AdminRoute.of(PUT, "/api/admin/alerts/rules/{name}", this::put),
                AdminRoute.of(DELETE, "/api/admin/alerts/rules/{name}", this::delete));
    }

    private CompletionStage<Reply> put(Call call) {
        String name = call.param("name");
        boolean dryRun = call.query(Set.of("dry_run")).bool("dry_run").orElse(false);
        if (!NAME.matcher(name).matches()) {
            throw AdminError.invalid("A rule name is 1 to 64 letters, digits, '_', '.' or '-', starting with a "
                    + "letter or digit.");
        }
        if (alerts.ruleFromFile(name)) {
            throw AdminError.conflict("The alert rule '" + name + "' is defined in the configuration file.");
        }
        Set<String> channels = Set.copyOf(alerts.channels().stream().map(c -> c.name()).toList());
        AlertRuleDefinitions.Read read = AlertRuleDefinitions.read(name, call.object(), channels::contains);
        if (dryRun) {
            ObjectNode body = Json.object().put("name", name).put("dry_run", true).put("valid", read.rule().isPresent());
            read.problems().forEach(body.putArray("problems")::add);
            read.rule().ifPresent(r -> body.set("rule", AlertRuleDefinitions.render(r)));
            return CompletableFuture.completedFuture(Reply.ok(body));
        }
        AlertSettings.Rule rule = read.rule().orElseThrow(() -> AdminError.invalid("The alert rule '" + name
                + "' is not valid: " + String.join("; ", read.problems())));
        ObjectNode rendered = AlertRuleDefinitions.render(rule);
        ObjectNode definition = rendered.deepCopy();
        definition.remove("name");
        StoredAlertRule stored = new StoredAlertRule(name, Json.write(definition));
        return writes.write(call.actor(), s -> {
            Optional<StoredAlertRule> before = s.alertRules().get(name);
            s.alertRules().put(stored);
            Entry entry = before.isPresent()
                    ? Entry.updated("alert_rule", name, audited(before.get()), rendered)
                    : Entry.created("alert_rule", name, rendered);
            return Outcome.changed(before.isPresent(), entry);
        }).thenCompose(existed -> alerts.refresh().thenApply(done -> {
            ObjectNode body = rendered.deepCopy().put("source", "store");
            return existed ? Reply.ok(body) : Reply.created(body);
        }));
    }

    private CompletionStage<Reply> delete(Call call) {
        String name = call.param("name");
        if (alerts.ruleFromFile(name)) {
            throw AdminError.conflict("The alert rule '" + name + "' is defined in the configuration file.");
        }
        return writes.write(call.actor(), s -> {
            StoredAlertRule before = s.alertRules().get(name)
                    .orElseThrow(() -> AdminError.notFound("stored alert rule", name));
            s.alertRules().delete(name);
            return Outcome.changed(before, Entry.deleted("alert_rule", name, audited(before)));
        }).thenCompose(b -> alerts.refresh()).thenApply(done -> Reply.noContent());
    }

    /** A stored rule as the audit trail records it: its definition with its name. */
    private static ObjectNode audited(StoredAlertRule rule) {
        ObjectNode node = Json.object().put("name", rule.name());
        Json.tryParse(rule.definition()).filter(d -> d.isObject()).ifPresent(d -> node.setAll((ObjectNode) d));
        return node;
    }
}
