package dev.junction.provider;

import dev.junction.json.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads {@link ParamRules} from their JSON/YAML form, reporting every problem instead of stopping at the first:
 * <pre>
 * params:
 *   drop: [logit_bias]
 *   rename: {max_completion_tokens: max_tokens}
 *   defaults: {max_tokens: 1024}
 *   set: {temperature: 0.2}
 *   conflicts: [{when: tools, drop: [response_format]}]
 * </pre>
 */
public final class ParamRulesReader {

    private static final Set<String> KEYS = Set.of("drop", "rename", "defaults", "set", "conflicts");

    private ParamRulesReader() {}

    /**
     * @param node the {@code params} node, absent or null meaning no rules
     * @param path where the node is, for messages ({@code providers.groq.params})
     * @param problems receives one message per problem
     */
    public static ParamRules read(JsonNode node, String path, Consumer<String> problems) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return ParamRules.NONE;
        }
        if (!node.isObject()) {
            problems.accept(path + ": expected a mapping");
            return ParamRules.NONE;
        }
        for (String key : node.propertyNames()) {
            if (!KEYS.contains(key)) {
                problems.accept(path + "." + key + ": unknown key (expected one of " + String.join(", ",
                        KEYS.stream().sorted().toList()) + ")");
            }
        }
        List<String> drop = strings(node.get("drop"), path + ".drop", problems);
        Map<String, String> rename = new LinkedHashMap<>();
        JsonNode renameNode = node.get("rename");
        if (renameNode != null && !renameNode.isNull()) {
            if (renameNode.isObject()) {
                renameNode.properties().forEach(e -> {
                    if (e.getValue().isString()) {
                        rename.put(e.getKey(), e.getValue().stringValue());
                    } else {
                        problems.accept(path + ".rename." + e.getKey() + ": expected a field name");
                    }
                });
            } else {
                problems.accept(path + ".rename: expected a mapping of old name to new name");
            }
        }
        List<ParamRules.Conflict> conflicts = new ArrayList<>();
        JsonNode conflictsNode = node.get("conflicts");
        if (conflictsNode != null && !conflictsNode.isNull()) {
            if (!conflictsNode.isArray()) {
                problems.accept(path + ".conflicts: expected a list");
            } else {
                for (int i = 0; i < conflictsNode.size(); i++) {
                    JsonNode c = conflictsNode.get(i);
                    String cp = path + ".conflicts[" + i + "]";
                    if (!c.path("when").isString()) {
                        problems.accept(cp + ".when: expected the name of a field");
                        continue;
                    }
                    conflicts.add(new ParamRules.Conflict(c.get("when").stringValue(),
                            strings(c.get("drop"), cp + ".drop", problems)));
                }
            }
        }
        return new ParamRules(drop, rename, object(node.get("defaults"), path + ".defaults", problems),
                object(node.get("set"), path + ".set", problems), conflicts);
    }

    private static ObjectNode object(JsonNode node, String path, Consumer<String> problems) {
        if (node == null || node.isNull()) {
            return Json.object();
        }
        if (!node.isObject()) {
            problems.accept(path + ": expected a mapping");
            return Json.object();
        }
        return (ObjectNode) node.deepCopy();
    }

    private static List<String> strings(JsonNode node, String path, Consumer<String> problems) {
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            problems.accept(path + ": expected a list of field names");
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (JsonNode n : node) {
            if (n.isString()) {
                out.add(n.stringValue());
            } else {
                problems.accept(path + ": expected field names, got " + n);
            }
        }
        return out;
    }
}
