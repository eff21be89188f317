package dev.junction.alert.channel;

import dev.junction.json.Json;
import java.time.Instant;
import java.util.Map;
import tools.jackson.databind.node.ObjectNode;

/**
 * A WeCom (WeChat Work) group robot: {@code msgtype: markdown}, the headline coloured with WeCom's
 * {@code <font color>} (warning firing, info resolved, comment test). No signature: the key is in the address. The
 * robot answers 200 with a non-zero {@code errcode} when it refuses a message.
 */
record WeComChannel(String name, Address address) implements Channel {

    @Override
    public String type() {
        return "wecom";
    }

    @Override
    public String maskedUrl() {
        return address.masked();
    }

    @Override
    public boolean signed() {
        return false;
    }

    @Override
    public Outgoing render(AlertMessage message, Instant now) {
        String colour = switch (message.state()) {
            case FIRING -> "warning";
            case RESOLVED -> "info";
            case TEST -> "comment";
        };
        ObjectNode body = Json.object().put("msgtype", "markdown");
        body.putObject("markdown").put("content", "### <font color=\"" + colour + "\">" + message.title()
                + "</font>\n" + message.markdown());
        return new Outgoing(address.uri(), Map.of(), Json.bytes(body));
    }

    @Override
    public boolean accepted(String body) {
        return Json.tryParse(body).map(n -> n.path("errcode").asInt(0) == 0).orElse(true);
    }
}
