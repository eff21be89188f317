package dev.junction.alert.channel;

import dev.junction.json.Json;
import dev.junction.secret.Secret;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.node.ObjectNode;

/**
 * A Feishu (Lark) custom bot: an interactive card with a coloured header (red firing, green resolved, blue test) and
 * the details in {@code lark_md}. With a signing secret, the body carries {@code timestamp} (seconds) and
 * {@code sign}. The bot answers 200 with a non-zero {@code code} when it refuses a message.
 */
record FeishuChannel(String name, Address address, Optional<Secret> secret) implements Channel {

    @Override
    public String type() {
        return "feishu";
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
        ObjectNode body = Json.object();
        secret.ifPresent(s -> {
            long ts = now.getEpochSecond();
            body.put("timestamp", Long.toString(ts)).put("sign", Signatures.feishu(ts, s.reveal()));
        });
        body.put("msg_type", "interactive");
        ObjectNode card = body.putObject("card");
        card.putObject("config").put("wide_screen_mode", true);
        ObjectNode header = card.putObject("header").put("template", switch (message.state()) {
            case FIRING -> "red";
            case RESOLVED -> "green";
            case TEST -> "blue";
        });
        header.putObject("title").put("tag", "plain_text").put("content", message.title());
        card.putArray("elements").addObject().put("tag", "div").putObject("text").put("tag", "lark_md")
                .put("content", message.markdown());
        return new Outgoing(address.uri(), Map.of(), Json.bytes(body));
    }

    @Override
    public boolean accepted(String body) {
        return Json.tryParse(body).map(n -> n.path("code").asInt(0) == 0).orElse(true);
    }
}
