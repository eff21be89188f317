package dev.junction.alert.channel;

import dev.junction.json.Json;
import dev.junction.secret.Secret;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.node.ObjectNode;

/**
 * A generic JSON webhook: the message as fields ({@code state}, {@code rule}, {@code subject}, {@code title},
 * {@code summary}, {@code facts}, {@code at}, {@code replica}). With a secret, {@code X-Junction-Timestamp} (epoch
 * seconds) and {@code X-Junction-Signature: sha256=<hex HMAC-SHA256 of "<timestamp>.<body>">}, so the receiver can
 * check the sender and refuse replays.
 */
record WebhookChannel(String name, Address address, Optional<Secret> secret) implements Channel {

    static final String SIGNATURE = "X-Junction-Signature";
    static final String TIMESTAMP = "X-Junction-Timestamp";

    @Override
    public String type() {
        return "webhook";
    }

    @Override
    public String maskedUrl() {
        return address.masked();
    }

    @Override
    public boolean signed() {
        return secret.isPresent();
    }

    @Override
    public Outgoing render(AlertMessage message, Instant now) {
        ObjectNode body = Json.object().put("state", message.state().wireName()).put("rule", message.rule())
                .put("subject", message.subject()).put("title", message.title()).put("summary", message.summary());
        ObjectNode facts = body.putObject("facts");
        message.facts().forEach(facts::put);
        body.put("at", message.at().toString()).put("replica", message.replica());
        byte[] bytes = Json.bytes(body);
        Map<String, String> headers = new LinkedHashMap<>();
        secret.ifPresent(s -> {
            long ts = now.getEpochSecond();
            headers.put(TIMESTAMP, Long.toString(ts));
            headers.put(SIGNATURE, Signatures.webhook(ts, bytes, s.reveal()));
        });
        return new Outgoing(address.uri(), headers, bytes);
    }
}
