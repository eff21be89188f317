package dev.junction.alert.channel;

import dev.junction.json.Json;
import java.time.Instant;
import java.util.Map;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A Slack incoming webhook: {@code text} (the notification's fallback) and {@code blocks}: a header, then a
 * {@code mrkdwn} section (Slack's Markdown bolds with single asterisks).
 */
record SlackChannel(String name, Address address) implements Channel {

    @Override
    public String type() {
        return "slack";
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
        ObjectNode body = Json.object().put("text", message.title() + " — " + message.summary());
        ArrayNode blocks = body.putArray("blocks");
        blocks.addObject().put("type", "header").putObject("text").put("type", "plain_text")
                .put("text", message.title());
        blocks.addObject().put("type", "section").putObject("text").put("type", "mrkdwn")
                .put("text", message.markdown().replace("**", "*"));
        return new Outgoing(address.uri(), Map.of(), Json.bytes(body));
    }
}
