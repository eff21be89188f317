package dev.junction.dialect.responses;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Namespace tools ({@code {"type":"namespace","name":"crm","tools":[…]}}) group function tools that the client runs,
 * and the model calls one as a {@code function_call} with the inner {@code name} and a {@code namespace}. No other
 * dialect groups tools, so a namespace of function tools is flattened: each function is a canonical tool named
 * {@code <namespace>__<name>} (the only separator every upstream accepts in a tool name), a {@code function_call}
 * with a namespace is read under that name, and a call of that name is written back to the Responses client as the
 * inner name with its namespace. A namespace holding anything else (custom tools) stays a built-in tool. Coding agents
 * need this: Codex CLI sends its sub-agent tools as a namespace with every request. Pure; thread safe.
 */
final class ResponsesNamespaces {

    static final String SEPARATOR = "__";

    private ResponsesNamespaces() {}

    /** The canonical name of function {@code name} of {@code namespace}. */
    static String qualified(String namespace, String name) {
        return namespace + SEPARATOR + name;
    }

    /** Whether {@code tool} is a namespace of function tools only, which flattens into canonical tools. */
    static boolean flattens(JsonNode tool) {
        if (!"namespace".equals(tool.path("type").asString("")) || !tool.path("name").isString()
                || !tool.path("tools").isArray()) {
            return false;
        }
        for (JsonNode inner : tool.path("tools")) {
            if (!"function".equals(inner.path("type").asString(""))) {
                return false;
            }
        }
        return true;
    }

    /** The canonical name of a {@code function_call} item: qualified when the item names a namespace. */
    static String callName(JsonNode item, String name) {
        JsonNode namespace = item.get("namespace");
        return namespace != null && namespace.isString() && !namespace.stringValue().isEmpty()
                ? qualified(namespace.stringValue(), name) : name;
    }

    /** A function as the Responses client knows it: its name, and its namespace when it has one. */
    record FunctionName(String name, Optional<String> namespace) {

        /** Writes {@code name} and, when there is one, {@code namespace} into a {@code function_call} item. */
        ObjectNode writeTo(ObjectNode item) {
            item.put("name", name);
            namespace.ifPresent(n -> item.put("namespace", n));
            return item;
        }
    }

    /**
     * How canonical tool names read for the client that sent {@code tools}: the flattened functions of its
     * namespaces map back to their inner names. A name that is also one of the client's top-level functions stays
     * as it is.
     */
    record ClientNames(Map<String, FunctionName> namespaced) {

        /** No namespaces: every name stays as it is. */
        static final ClientNames NONE = new ClientNames(Map.of());

        /** Copies the map. */
        ClientNames {
            namespaced = Map.copyOf(namespaced);
        }

        /** The names of a client's {@code tools} array (as sent, or as echoed). */
        static ClientNames of(JsonNode tools) {
            if (tools == null || !tools.isArray()) {
                return NONE;
            }
            Set<String> topLevel = new HashSet<>();
            Map<String, FunctionName> namespaced = new HashMap<>();
            for (JsonNode tool : tools) {
                if ("function".equals(tool.path("type").asString(""))) {
                    topLevel.add(tool.path("name").asString(""));
                } else if (flattens(tool)) {
                    String namespace = tool.path("name").stringValue();
                    for (JsonNode inner : tool.path("tools")) {
                        String name = inner.path("name").asString("");
                        namespaced.put(qualified(namespace, name), new FunctionName(name, Optional.of(namespace)));
                    }
                }
            }
            namespaced.keySet().removeAll(topLevel);
            return namespaced.isEmpty() ? NONE : new ClientNames(namespaced);
        }

        /** The client's name for canonical tool {@code name}. */
        FunctionName resolve(String name) {
            return namespaced.getOrDefault(name, new FunctionName(name, Optional.empty()));
        }
    }
}
