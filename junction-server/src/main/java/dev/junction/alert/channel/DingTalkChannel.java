package dev.junction.alert.channel;

import dev.junction.json.Json;
import dev.junction.secret.Secret;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.node.ObjectNode;

/**
 * A DingTalk custom robot: {@code msgtype: markdown} with a title and a Markdown text. With a signing secret, the
 * address gets {@code &timestamp=<ms>&sign=<urlencoded signature>}. The robot answers 200 with a non-zero
 * {@code errcode} when it refuses a message.
 */
record DingTalkChannel(String name, Address address, Optional<Secret> secret) implements Channel {

    @Override
    public String type() {
        return "dingtalk";
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
        ObjectNode body = Json.object().put("msgtype", "markdown");
        body.putObject("markdown").put("title", message.title())
                .put("text", "### " + message.title() + "\n\n" + message.markdown().replace("\n", "\n\n"));
        var uri = secret.map(s -> {
            long ts = now.toEpochMilli();
            return address.withQuery("timestamp=" + ts + "&sign="
                    + URLEncoder.encode(Signatures.dingTalk(ts, s.reveal()), StandardCharsets.UTF_8));
        }).orElseGet(address::uri);
        return new Outgoing(uri, Map.of(), Json.bytes(body));
    }

    @Override
    public boolean accepted(String body) {
        return Json.tryParse(body).map(n -> n.path("errcode").asInt(0) == 0).orElse(true);
    }
}
