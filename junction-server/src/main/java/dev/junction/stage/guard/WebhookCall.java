package dev.junction.stage.guard;

import dev.junction.config.GuardWebhook;
import dev.junction.guard.Finding;
import dev.junction.guard.Redaction;
import dev.junction.json.Json;
import dev.junction.provider.Timeouts;
import dev.junction.upstream.Cancellation;
import dev.junction.upstream.HttpUpstreamClient;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One call to an external HTTP guard: posts the policy, detector, direction, request id and texts as JSON and reads
 * the answer into a {@link Verdict} (the protocol is in {@code docs/guardrails.md}). Goes through the gateway's
 * upstream HTTP client, so it never blocks the event loop it is called on, and its future completes on that loop.
 * Every failure (the timeout, a connection error, a non-2xx status, a body outside the protocol) is a
 * {@link Verdict.Failed}; the future itself never fails.
 */
final class WebhookCall {

    /** What the guard is asked about. */
    record Ask(String policy, GuardWebhook hook, String direction, String requestId, List<String> texts) {
    }

    /** Entity types the guard names are kept only when they look like identifiers (no text can leak through). */
    private static final Pattern ENTITY_TYPE = Pattern.compile("[A-Z][A-Z0-9_]{0,47}");
    private static final int REASON_LIMIT = 200;

    private WebhookCall() {
    }

    static Future<Verdict> ask(HttpUpstreamClient http, Ask ask, Redaction redaction) {
        GuardWebhook hook = ask.hook();
        ObjectNode body = Json.object().put("policy", ask.policy()).put("detector", hook.name())
                .put("direction", ask.direction()).put("request_id", ask.requestId());
        ask.texts().forEach(body.putArray("texts")::add);
        MultiMap headers = MultiMap.caseInsensitiveMultiMap().add("content-type", "application/json")
                .add("accept", "application/json");
        hook.headers().forEach(headers::add);
        Timeouts timeouts = new Timeouts(hook.timeout(), hook.timeout(), hook.timeout(), hook.timeout());
        HttpUpstreamClient.Exchange exchange = new HttpUpstreamClient.Exchange(hook.url().toString(), headers,
                Buffer.buffer(Json.bytes(body)), false, "guardrail webhook " + hook.name());
        return http.send(exchange, timeouts, new Cancellation()).map(reply -> switch (reply) {
            case HttpUpstreamClient.Reply.Body b when b.status() / 100 == 2 -> read(b.body(), ask.texts(), redaction);
            case HttpUpstreamClient.Reply.Body b -> (Verdict) new Verdict.Failed("status " + b.status());
            case HttpUpstreamClient.Reply.Stream s -> {
                s.events().cancel();
                yield new Verdict.Failed("a stream instead of a JSON body");
            }
        }).otherwise(e -> new Verdict.Failed(e.getMessage() == null ? e.getClass().getSimpleName()
                : e.getMessage()));
    }

    /** The verdict in {@code body}; spans are masked with {@code redaction}'s placeholders. */
    static Verdict read(Buffer body, List<String> texts, Redaction redaction) {
        Optional<JsonNode> parsed = Json.tryParse(body.getBytes()).filter(JsonNode::isObject);
        if (parsed.isEmpty()) {
            return new Verdict.Failed("an answer that is not a JSON object");
        }
        JsonNode answer = parsed.get();
        String action = answer.path("action").asString("");
        return switch (action) {
            case "allow" -> new Verdict.Allow();
            case "deny" -> new Verdict.Deny(types(answer.path("entity_types"), "DENIED"),
                    Optional.ofNullable(answer.get("reason")).filter(JsonNode::isString).map(JsonNode::stringValue)
                            .map(WebhookCall::shortened));
            case "redact" -> redact(answer, texts, redaction);
            default -> new Verdict.Failed("an action other than allow, deny, redact");
        };
    }

    private static Verdict redact(JsonNode answer, List<String> texts, Redaction redaction) {
        JsonNode masked = answer.get("texts");
        if (masked != null) {
            if (!masked.isArray() || masked.size() != texts.size()) {
                return new Verdict.Failed("redact without one masked text per text sent");
            }
            List<String> out = new ArrayList<>(texts.size());
            for (JsonNode t : masked) {
                if (!t.isString()) {
                    return new Verdict.Failed("a masked text that is not a string");
                }
                out.add(t.stringValue());
            }
            return new Verdict.Redact(out, types(answer.path("entity_types"), "REDACTED"));
        }
        JsonNode spans = answer.get("spans");
        if (spans == null || !spans.isArray()) {
            return new Verdict.Failed("redact without texts or spans");
        }
        List<List<Finding>> byText = new ArrayList<>(texts.size());
        texts.forEach(t -> byText.add(new ArrayList<>()));
        Set<String> types = new LinkedHashSet<>();
        for (JsonNode span : spans) {
            int text = span.path("text").asInt(-1);
            int start = span.path("start").asInt(-1);
            int end = span.path("end").asInt(-1);
            String type = span.path("entity_type").asString("REDACTED");
            if (text < 0 || text >= texts.size() || start < 0 || end <= start || end > texts.get(text).length()
                    || !ENTITY_TYPE.matcher(type).matches()) {
                return new Verdict.Failed("a span outside its text or with a bad entity type");
            }
            byText.get(text).add(new Finding(type, start, end, 1.0));
            types.add(type);
        }
        List<String> out = new ArrayList<>(texts.size());
        for (int i = 0; i < texts.size(); i++) {
            List<Finding> findings = byText.get(i);
            findings.sort((a, b) -> Integer.compare(a.start(), b.start()));
            out.add(redaction.mask(texts.get(i), findings));
        }
        return new Verdict.Redact(out, types.isEmpty() ? List.of("REDACTED") : List.copyOf(types));
    }

    private static List<String> types(JsonNode node, String none) {
        Set<String> types = new LinkedHashSet<>();
        if (node.isArray()) {
            for (JsonNode t : node) {
                if (t.isString()) {
                    types.add(ENTITY_TYPE.matcher(t.stringValue()).matches() ? t.stringValue() : "OTHER");
                }
            }
        }
        return types.isEmpty() ? List.of(none) : List.copyOf(types);
    }

    private static String shortened(String reason) {
        String line = reason.replaceAll("\\s+", " ").strip();
        return line.length() <= REASON_LIMIT ? line : line.substring(0, REASON_LIMIT) + "…";
    }
}
