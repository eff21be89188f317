package dev.junction.config;

import dev.junction.json.Json;
import dev.junction.provider.ProviderPreset;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Completes a provider block with the {@code platform:} settings of its preset ({@code azure-openai},
 * {@code bedrock}, {@code vertex-gemini}, …), so that a user writes only what differs per account: the region, the
 * project, the Azure resource, the credentials. The block's own platform keys win over the preset's. An Azure
 * preset's base URL names the resource ({@code https://{resource}.openai.azure.com}); the block gives it as
 * {@code platform.resource}, or a {@code base_url} of its own. Stateless.
 */
final class PresetPlatforms {

    /** The placeholder of a preset's base URL that {@code platform.resource} fills. */
    static final String RESOURCE = "{resource}";

    /** An Azure resource name: a DNS label. */
    private static final Pattern RESOURCE_NAME = Pattern.compile("[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?");

    private PresetPlatforms() {}

    /**
     * The block {@code node} (a mapping) with the preset's platform under its own, and the base URL the resource
     * names; problems are reported under {@code path}. A {@code platform} that is not a mapping is left for the
     * platform reader to report.
     */
    static JsonNode complete(JsonNode node, ProviderPreset preset, String path, Problems problems) {
        JsonNode own = node.get("platform");
        if (own != null && !own.isNull() && !own.isObject()) {
            return node;
        }
        ObjectNode out = ((ObjectNode) node).deepCopy();
        ObjectNode platform = Json.object();
        preset.platform().forEach(platform::put);
        if (own instanceof ObjectNode block) {
            block.properties().forEach(e -> platform.set(e.getKey(), e.getValue()));
        }
        JsonNode resource = platform.remove("resource");
        boolean named = preset.baseUrl().contains(RESOURCE);
        if (resource != null && (!named || out.has("base_url"))) {
            problems.add(path + ".platform.resource: " + (named ? "give either base_url or platform.resource"
                    : "not a setting of the " + preset.id() + " preset"));
        } else if (named && !out.has("base_url")) {
            String name = resource == null ? "" : resource.asString("");
            if (!RESOURCE_NAME.matcher(name).matches()) {
                problems.add(path + ".platform.resource: " + (name.isEmpty() ? "required" : "'" + name
                        + "' is not a resource name") + " (the Azure OpenAI resource, as in https://<resource>"
                        + ".openai.azure.com), or give base_url");
            } else {
                out.put("base_url", preset.baseUrl().replace(RESOURCE, name));
            }
        }
        out.set("platform", platform);
        return out;
    }
}
