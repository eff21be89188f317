package dev.junction.alert;

import dev.junction.config.AlertRuleDefinitions;
import dev.junction.config.AlertSettings;
import dev.junction.config.AlertSettings.ChannelType;
import dev.junction.crypto.SecretBox;
import dev.junction.governance.Governance;
import dev.junction.json.Json;
import dev.junction.secret.Secret;
import dev.junction.store.StoredAlertChannel;
import dev.junction.store.StoredAlertRule;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The channels and rules in the governance store, channels unsealed with the gateway's secret key; reloaded when the
 * store's revision moves (every admin write moves it, on every replica). A channel that cannot be unsealed (another
 * secret key) or has an unknown type, and a rule whose definition no longer reads (written by a newer version), are
 * left out and logged by name.
 */
public final class GovernanceStoredAlerts implements StoredAlerts {

    private static final Logger LOG = LoggerFactory.getLogger(GovernanceStoredAlerts.class);

    private final Governance governance;

    public GovernanceStoredAlerts(Governance governance) {
        this.governance = governance;
    }

    /** What a sealed field of a stored channel is bound to, so a ciphertext cannot be moved to another channel. */
    public static String associatedData(String channel, String field) {
        return StoredAlertChannel.associatedData(channel, field);
    }

    /** Seals a channel's address and secret for the store. */
    public static StoredAlertChannel seal(SecretBox box, AlertSettings.Channel channel) {
        return new StoredAlertChannel(channel.name(), channel.type().wireName(),
                box.seal(channel.url().reveal(), associatedData(channel.name(), "url")),
                channel.secret().map(s -> box.seal(s.reveal(), associatedData(channel.name(), "secret"))));
    }

    @Override
    public long revision() {
        return governance.snapshot().revision();
    }

    @Override
    public List<AlertSettings.Rule> rules() {
        List<AlertSettings.Rule> out = new ArrayList<>();
        for (StoredAlertRule stored : governance.store().alertRules().list()) {
            AlertRuleDefinitions.Read read = Json.tryParse(stored.definition())
                    .map(definition -> AlertRuleDefinitions.read(stored.name(), definition, c -> true))
                    .orElseGet(() -> new AlertRuleDefinitions.Read(Optional.empty(), List.of("not JSON")));
            if (read.rule().isPresent()) {
                out.add(read.rule().get());
            } else {
                LOG.atWarn().addKeyValue("rule", stored.name()).addKeyValue("problems", String.join("; ", read.problems()))
                        .log("A stored alert rule could not be read");
            }
        }
        return out;
    }

    @Override
    public List<AlertSettings.Channel> channels() {
        SecretBox box = governance.secrets();
        List<AlertSettings.Channel> out = new ArrayList<>();
        for (StoredAlertChannel stored : governance.store().alertChannels().list()) {
            Optional<ChannelType> type = ChannelType.of(stored.type());
            try {
                Secret url = box.open(stored.urlCiphertext(), associatedData(stored.name(), "url"));
                Optional<Secret> secret = stored.secretCiphertext()
                        .map(s -> box.open(s, associatedData(stored.name(), "secret")));
                if (type.isPresent()) {
                    out.add(new AlertSettings.Channel(stored.name(), type.get(), url, secret));
                } else {
                    LOG.atWarn().addKeyValue("channel", stored.name()).log("A stored alert channel has an unknown type");
                }
            } catch (RuntimeException e) {
                LOG.atWarn().addKeyValue("channel", stored.name())
                        .log("A stored alert channel could not be unsealed (another secret key?)");
            }
        }
        return out;
    }
}
