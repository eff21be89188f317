package dev.junction.admin;

import static io.vertx.core.http.HttpMethod.DELETE;
import static io.vertx.core.http.HttpMethod.PUT;

import dev.junction.admin.AuditedWrites.Entry;
import dev.junction.admin.AuditedWrites.Outcome;
import dev.junction.alert.AlertService;
import dev.junction.alert.GovernanceStoredAlerts;
import dev.junction.alert.channel.Channel;
import dev.junction.alert.channel.Channels;
import dev.junction.config.AlertSettings;
import dev.junction.config.AlertSettings.ChannelType;
import dev.junction.crypto.SecretBox;
import dev.junction.json.Json;
import dev.junction.secret.Secret;
import dev.junction.store.StoredAlertChannel;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.regex.Pattern;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code /api/admin/alerts/channels/{name}}: alert channels kept in the store, beside the file's. {@code PUT}
 * creates or replaces one ({@code type}, {@code url}, optional {@code secret}); the address and secret are sealed
 * with the gateway's secret key before they reach the store, and neither is ever answered or audited (the address
 * shows as its scheme and host). A name the file already uses is a conflict. Every replica picks a change up with
 * the store's revision; this one before it answers.
 */
final class AlertChannelsResource {

    private static final Set<String> FIELDS = Set.of("type", "url", "secret");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");

    private final AuditedWrites writes;
    private final AlertService alerts;
    private final SecretBox box;

    AlertChannelsResource(AuditedWrites writes, AlertService alerts, SecretBox box) {
        this.writes = writes;
        this.alerts = alerts;
        this.box = box;
    }

    List<AdminRoute> routes() {
        return List.of(
                AdminRoute.of(PUT, "/api/admin/alerts/channels/{name}", this::put),
                AdminRoute.of(DELETE, "/api/admin/alerts/channels/{name}", this::delete));
    }

    private CompletionStage<Reply> put(Call call) {
        String name = call.param("name");
        if (!NAME.matcher(name).matches()) {
            throw AdminError.invalid("A channel name is 1 to 64 letters, digits, '_', '.' or '-', starting with a "
                    + "letter or digit.");
        }
        if (alerts.fromFile(name)) {
            throw AdminError.conflict("The channel '" + name + "' is defined in the configuration file.");
        }
        Fields fields = call.body(FIELDS);
        String typeName = fields.requiredString("type");
        ChannelType type = ChannelType.of(typeName).orElseThrow(() -> AdminError.invalid(
                "'type' must be feishu, lark, wecom, slack, dingtalk or webhook."));
        String url = fields.requiredString("url");
        if (!url.startsWith("https://") && !url.startsWith("http://")) {
            throw AdminError.invalid("'url' must be an http:// or https:// address.");
        }
        AlertSettings.Channel channel = new AlertSettings.Channel(name, type, Secret.of(url),
                fields.string("secret").map(Secret::of));
        StoredAlertChannel sealed = GovernanceStoredAlerts.seal(box, channel);
        ObjectNode rendered = render(Channels.create(channel));
        return writes.write(call.actor(), s -> {
            Optional<StoredAlertChannel> before = s.alertChannels().get(name);
            s.alertChannels().put(sealed);
            Entry entry = before.isPresent()
                    ? Entry.updated("alert_channel", name, renderStored(before.get()), rendered)
                    : Entry.created("alert_channel", name, rendered);
            return Outcome.changed(before.isPresent(), entry);
        }).thenCompose(existed -> alerts.refresh()
                .thenApply(done -> existed ? Reply.ok(rendered) : Reply.created(rendered)));
    }

    private CompletionStage<Reply> delete(Call call) {
        String name = call.param("name");
        return writes.write(call.actor(), s -> {
            StoredAlertChannel before = s.alertChannels().get(name)
                    .orElseThrow(() -> AdminError.notFound("stored alert channel", name));
            s.alertChannels().delete(name);
            return Outcome.changed(before, Entry.deleted("alert_channel", name, renderStored(before)));
        }).thenCompose(b -> alerts.refresh()).thenApply(done -> Reply.noContent());
    }

    /** A channel as answered and audited: no address beyond scheme and host, no secret. */
    static ObjectNode render(Channel c) {
        return Json.object().put("name", c.name()).put("type", c.type()).put("url", c.maskedUrl())
                .put("signed", c.signed());
    }

    /** A stored channel as audited before a change: its type and whether it was signed, never the ciphertexts. */
    private static ObjectNode renderStored(StoredAlertChannel c) {
        return Json.object().put("name", c.name()).put("type", c.type()).put("signed", c.secretCiphertext()
                .isPresent());
    }
}
