package dev.junction.conformance;

import dev.junction.json.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One thing two fixtures of the same conversation in different dialects agree on, read from a {@link RequestView}.
 * The fixtures were recorded separately (the prompts, the tool's name and the limits differ), so a translated body
 * is compared with the target's own fixture only on the aspects that fixture pair shares; everything else is
 * compared with the source.
 */
enum Aspect {

    /** Whether there is a system prompt, and the role and part kinds of every turn. */
    SHAPE {
        @Override
        JsonNode of(ObjectNode view) {
            ObjectNode out = Json.object().put("system", view.has("system"));
            ArrayNode turns = out.putArray("turns");
            for (JsonNode turn : view.path("turns")) {
                ArrayNode kinds = turns.addObject().put("role", turn.path("role").asString()).putArray("parts");
                turn.path("parts").forEach(part -> kinds.add(part.propertyNames().iterator().next()));
            }
            return out;
        }
    },

    /** The turns with their text, calls and results. */
    TURNS {
        @Override
        JsonNode of(ObjectNode view) {
            return view.path("turns");
        }
    },

    /** The tools' descriptions and parameter schemas (the fixtures name the tool differently). */
    TOOLS_WITHOUT_NAMES {
        @Override
        JsonNode of(ObjectNode view) {
            ArrayNode out = Json.MAPPER.createArrayNode();
            for (JsonNode tool : view.path("tools")) {
                out.addObject().put("description", tool.path("description").asString()).set("schema",
                        tool.path("schema"));
            }
            return out;
        }
    },

    /** The arguments of every call and the content of every result, each result with the arguments it answers. */
    CALLS_AND_RESULTS {
        @Override
        JsonNode of(ObjectNode view) {
            ArrayNode out = Json.MAPPER.createArrayNode();
            for (JsonNode turn : view.path("turns")) {
                for (JsonNode part : turn.path("parts")) {
                    if (part.has("call")) {
                        out.addObject().set("call", part.at("/call/args"));
                    }
                    if (part.has("result")) {
                        ObjectNode result = out.addObject().putObject("result");
                        result.set("answers", part.at("/result/args"));
                        result.set("content", part.at("/result/content"));
                    }
                }
            }
            return out;
        }
    },

    /** The images sent inline: media type and bytes. */
    INLINE_IMAGES {
        @Override
        JsonNode of(ObjectNode view) {
            ArrayNode out = Json.MAPPER.createArrayNode();
            for (JsonNode turn : view.path("turns")) {
                for (JsonNode part : turn.path("parts")) {
                    if (part.path("image").has("data")) {
                        out.add(part.get("image"));
                    }
                }
            }
            return out;
        }
    },

    /** The response schema's property names and types and its required list. */
    RESPONSE_SCHEMA_OUTLINE {
        @Override
        JsonNode of(ObjectNode view) {
            JsonNode schema = view.path("response_schema");
            ObjectNode out = Json.object();
            ObjectNode properties = out.putObject("properties");
            for (Map.Entry<String, JsonNode> p : schema.path("properties").properties()) {
                properties.set(p.getKey(), p.getValue().path("type"));
            }
            List<String> required = new ArrayList<>();
            schema.path("required").forEach(r -> required.add(r.asString()));
            ArrayNode sorted = out.putArray("required");
            required.stream().sorted().forEach(sorted::add);
            return out;
        }
    },

    /** Whether thinking is on. */
    THINKING_ON {
        @Override
        JsonNode of(ObjectNode view) {
            return Json.MAPPER.getNodeFactory().booleanNode(view.has("thinking_budget"));
        }
    };

    /** This aspect of a request view. */
    abstract JsonNode of(ObjectNode view);

    /**
     * The aspects a request fixture of {@code a} shares with its counterpart of {@code b}. The Responses fixtures
     * record another conversation (Paris only, one call, a strict schema), so with them only the shape of the basic
     * and tools requests is shared.
     */
    static List<Aspect> shared(String fixture, WireDialect a, WireDialect b) {
        if (a == WireDialect.RESPONSES || b == WireDialect.RESPONSES) {
            return fixture.equals("request.basic.json") || fixture.equals("request.tools.json") ? List.of(SHAPE)
                    : List.of();
        }
        return SHARED.get(fixture);
    }

    /** The aspects each request fixture shares with its counterparts in the other dialects. */
    static final Map<String, List<Aspect>> SHARED = Map.of(
            "request.basic.json", List.of(SHAPE),
            "request.tools.json", List.of(TURNS, TOOLS_WITHOUT_NAMES),
            "request.tool-result.json", List.of(CALLS_AND_RESULTS, TOOLS_WITHOUT_NAMES),
            "request.image.json", List.of(INLINE_IMAGES),
            "request.json-schema.json", List.of(RESPONSE_SCHEMA_OUTLINE),
            "request.thinking.json", List.of(SHAPE, THINKING_ON));
}
