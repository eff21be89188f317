package dev.junction.dialect.bedrock;

import dev.junction.json.Json;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The InvokeModel body of a Claude model on Bedrock: an Anthropic Messages body without {@code model} (it is in the
 * URL) and {@code stream} (the operation says it), with {@code anthropic_version: bedrock-2023-05-31} and the
 * client's {@code anthropic-beta} header values as the {@code anthropic_beta} array (Bedrock reads betas from the
 * body only). Everything else of the body, {@code cache_control}, thinking blocks and their signatures included, is
 * kept as it is. Pure functions.
 */
public final class ClaudeInvokeBody {

    /** The Anthropic API version Bedrock's Claude models take. */
    public static final String VERSION = "bedrock-2023-05-31";

    private ClaudeInvokeBody() {}

    /**
     * Rewrites {@code body} in place into its InvokeModel form.
     *
     * @param betas the {@code anthropic-beta} header, a comma-separated list, when the client sent one
     */
    public static ObjectNode of(ObjectNode body, Optional<String> betas) {
        body.remove("model");
        body.remove("stream");
        body.put("anthropic_version", VERSION);
        Set<String> all = new LinkedHashSet<>();
        JsonNode existing = body.path("anthropic_beta");
        if (existing.isArray()) {
            existing.forEach(b -> all.add(b.asString("")));
        } else if (existing.isString()) {
            all.add(existing.stringValue());
        }
        betas.ifPresent(header -> {
            for (String beta : header.split(",")) {
                all.add(beta.trim());
            }
        });
        all.remove("");
        if (all.isEmpty()) {
            body.remove("anthropic_beta");
        } else {
            ArrayNode array = Json.MAPPER.createArrayNode();
            all.forEach(array::add);
            body.set("anthropic_beta", array);
        }
        return body;
    }
}
