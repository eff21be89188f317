package dev.junction.conformance;

import dev.junction.json.Json;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * A chat request body of any dialect read straight from its wire JSON (not through the production mappers) into one
 * neutral tree, so that a translated body can be compared with its source and with the target's own fixture:
 * <pre>
 * {"system": text,
 *  "turns": [{"role": "user"|"assistant", "parts": [{"text": …} | {"image": {"media_type","data"} | {"url"}}
 *            | {"document": …} | {"call": {"id","name","args"}} | {"result": {"name","args","content"}}]}],
 *  "tools": [{"name","description","schema"}], "response_schema": …, "max_tokens": n, "thinking_budget": n}
 * </pre>
 * Consecutive turns of the same role merge (OpenAI's {@code tool} messages are user turns). A tool result is shown
 * with the name and arguments of the call it answers (by id, or for Gemini by position among same-named calls), so
 * the pairing is compared, not the ids. A result's content is parsed as JSON when it is JSON text; Gemini's
 * {@code {"output": …}} wrapper is removed wherever it appears. A zero thinking budget is no thinking. Schema
 * {@code type} values are lower-cased (Gemini's OpenAPI schemas spell them in capitals). An OpenAI {@code file}
 * part whose {@code file_data} is not a data URL is shown as {@code unreadable_file_data}: OpenAI cannot fetch it.
 * A Responses request reads its {@code instructions} and system or developer input messages as the system prompt,
 * and its output items ({@code function_call}, assistant messages) as assistant turns; reasoning items are not
 * shown, as no other dialect's thinking is.
 */
final class RequestView {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final ObjectNode view = Json.object();
    private final ArrayNode turns = view.putArray("turns");
    private final Map<String, JsonNode> callsById = new HashMap<>();
    private final List<JsonNode> lastModelCalls = new ArrayList<>();
    private final Map<String, Integer> answeredByName = new HashMap<>();

    private RequestView() {}

    /** The neutral tree of a request body of the dialect. */
    static ObjectNode of(WireDialect dialect, JsonNode body) {
        RequestView reader = new RequestView();
        switch (dialect) {
            case OPENAI -> reader.openAi(body);
            case ANTHROPIC -> reader.anthropic(body);
            case GEMINI -> reader.gemini(body);
            case RESPONSES -> reader.responses(body);
        }
        return (ObjectNode) JsonTrees.normalized(reader.view);
    }

    private void openAi(JsonNode body) {
        StringBuilder system = new StringBuilder();
        for (JsonNode message : body.path("messages")) {
            String role = message.path("role").asString("");
            JsonNode content = message.path("content");
            switch (role) {
                case "system", "developer" -> system.append(joinedText(content));
                case "tool" -> part("user", result(callsById.get(message.path("tool_call_id").asString("")),
                        content(joinedText(content))));
                default -> {
                    String neutral = role.equals("assistant") ? "assistant" : "user";
                    if (content.isString()) {
                        part(neutral, text(content.stringValue()));
                    }
                    for (JsonNode item : content.isArray() ? content : Json.MAPPER.createArrayNode()) {
                        openAiPart(neutral, item);
                    }
                    for (JsonNode call : message.path("tool_calls")) {
                        part(neutral, call(call.path("id").asString(""), call.at("/function/name").asString(""),
                                content(call.at("/function/arguments").asString(""))));
                    }
                }
            }
        }
        putText("system", system);
        for (JsonNode tool : body.path("tools")) {
            JsonNode fn = tool.path("function");
            tool(fn.path("name"), fn.path("description"), fn.path("parameters"));
        }
        putSchema(body.at("/response_format/json_schema/schema"));
        putNumber("max_tokens", body.has("max_completion_tokens") ? body.get("max_completion_tokens")
                : body.path("max_tokens"));
    }

    private void openAiPart(String role, JsonNode item) {
        switch (item.path("type").asString("")) {
            case "text" -> part(role, text(item.path("text").asString("")));
            case "image_url" -> {
                String url = item.at("/image_url/url").asString("");
                if (url.startsWith("data:")) {
                    int comma = url.indexOf(',');
                    String mediaType = url.substring("data:".length(), url.indexOf(';'));
                    part(role, media("image", mediaType, url.substring(comma + 1)));
                } else {
                    part(role, url("image", url));
                }
            }
            case "file" -> part(role, openAiFile(item.path("file")));
            default -> part(role, Json.object().set("other", item.path("type")));
        }
    }

    /** OpenAI's {@code file} part takes inline data (a data URL) or a file id, never a URL to fetch. */
    private static ObjectNode openAiFile(JsonNode file) {
        String data = file.path("file_data").asString("");
        if (data.startsWith("data:")) {
            return media("document", data.substring("data:".length(), data.indexOf(';')),
                    data.substring(data.indexOf(',') + 1));
        }
        ObjectNode part = Json.object();
        if (file.has("file_id")) {
            part.putObject("document").set("file_id", file.get("file_id"));
        } else {
            part.putObject("document").put("unreadable_file_data", data);
        }
        return part;
    }

    private void anthropic(JsonNode body) {
        putText("system", new StringBuilder(joinedText(body.path("system"))));
        for (JsonNode message : body.path("messages")) {
            String role = message.path("role").asString("");
            JsonNode content = message.path("content");
            if (content.isString()) {
                part(role, text(content.stringValue()));
            }
            for (JsonNode block : content.isArray() ? content : Json.MAPPER.createArrayNode()) {
                anthropicBlock(role, block);
            }
        }
        for (JsonNode tool : body.path("tools")) {
            tool(tool.path("name"), tool.path("description"), tool.path("input_schema"));
        }
        putSchema(body.at("/output_config/format/schema"));
        putNumber("max_tokens", body.path("max_tokens"));
        putNumber("thinking_budget", body.at("/thinking/budget_tokens"));
    }

    private void anthropicBlock(String role, JsonNode block) {
        JsonNode source = block.path("source");
        switch (block.path("type").asString("")) {
            case "text" -> part(role, text(block.path("text").asString("")));
            case "image", "document" -> part(role, source.path("type").asString("").equals("url")
                    ? url(block.get("type").asString(), source.path("url").asString(""))
                    : media(block.get("type").asString(), source.path("media_type").asString(""),
                            source.path("data").asString("")));
            case "tool_use" -> part(role, call(block.path("id").asString(""), block.path("name").asString(""),
                    block.path("input")));
            case "tool_result" -> part(role, result(callsById.get(block.path("tool_use_id").asString("")),
                    content(joinedText(block.path("content")))));
            default -> part(role, Json.object().set("other", block.path("type")));
        }
    }

    private void gemini(JsonNode body) {
        putText("system", new StringBuilder(joinedText(body.at("/systemInstruction/parts"))));
        for (JsonNode content : body.path("contents")) {
            String role = content.path("role").asString("user").equals("model") ? "assistant" : "user";
            if (role.equals("assistant")) {
                lastModelCalls.clear();
                answeredByName.clear();
            }
            for (JsonNode part : content.path("parts")) {
                geminiPart(role, part);
            }
        }
        for (JsonNode declaration : body.at("/tools/0/functionDeclarations")) {
            tool(declaration.path("name"), declaration.path("description"),
                    declaration.has("parametersJsonSchema") ? declaration.get("parametersJsonSchema")
                            : declaration.path("parameters"));
        }
        JsonNode config = body.path("generationConfig");
        putSchema(config.has("responseJsonSchema") ? config.get("responseJsonSchema") : config.path("responseSchema"));
        putNumber("max_tokens", config.path("maxOutputTokens"));
        putNumber("thinking_budget", config.at("/thinkingConfig/thinkingBudget"));
    }

    private void responses(JsonNode body) {
        StringBuilder system = new StringBuilder(body.path("instructions").asString(""));
        JsonNode input = body.path("input");
        if (input.isString()) {
            part("user", text(input.stringValue()));
        }
        for (JsonNode item : input.isArray() ? input : Json.MAPPER.createArrayNode()) {
            String role = item.path("role").asString("");
            switch (item.path("type").asString("message")) {
                case "message" -> {
                    if (role.equals("system") || role.equals("developer")) {
                        system.append(joinedText(item.path("content")));
                    } else {
                        responsesContent(role.equals("assistant") ? "assistant" : "user", item.path("content"));
                    }
                }
                case "function_call" -> part("assistant", call(item.path("call_id").asString(""),
                        item.path("name").asString(""), content(item.path("arguments").asString(""))));
                case "function_call_output" -> part("user", result(callsById.get(item.path("call_id")
                        .asString("")), content(joinedText(item.path("output")))));
                case "reasoning" -> { }
                default -> part(role.equals("user") ? "user" : "assistant", Json.object().set("other",
                        item.path("type")));
            }
        }
        putText("system", system);
        for (JsonNode tool : body.path("tools")) {
            if (tool.path("type").asString("").equals("function")) {
                tool(tool.path("name"), tool.path("description"), tool.path("parameters"));
            }
        }
        putSchema(body.at("/text/format/schema"));
        putNumber("max_tokens", body.path("max_output_tokens"));
    }

    private void responsesContent(String role, JsonNode content) {
        if (content.isString()) {
            part(role, text(content.stringValue()));
        }
        for (JsonNode item : content.isArray() ? content : Json.MAPPER.createArrayNode()) {
            switch (item.path("type").asString("")) {
                case "input_text", "output_text" -> part(role, text(item.path("text").asString("")));
                case "input_image" -> part(role, dataOrUrl("image", item.path("image_url").asString("")));
                case "input_file" -> {
                    if (item.has("file_id")) {
                        ObjectNode file = Json.object();
                        file.putObject("document").set("file_id", item.get("file_id"));
                        part(role, file);
                    } else {
                        part(role, item.has("file_data") ? dataOrUrl("document", item.path("file_data").asString(""))
                                : url("document", item.path("file_url").asString("")));
                    }
                }
                default -> part(role, Json.object().set("other", item.path("type")));
            }
        }
    }

    /** A data URL as inline media, anything else as a URL. */
    private static ObjectNode dataOrUrl(String kind, String url) {
        if (!url.startsWith("data:")) {
            return url(kind, url);
        }
        return media(kind, url.substring("data:".length(), url.indexOf(';')), url.substring(url.indexOf(',') + 1));
    }

    private void geminiPart(String role, JsonNode part) {
        if (part.has("functionCall")) {
            JsonNode call = part.get("functionCall");
            ObjectNode neutral = call(call.path("id").asString(""), call.path("name").asString(""),
                    call.path("args"));
            lastModelCalls.add(neutral.get("call"));
            part(role, neutral);
        } else if (part.has("functionResponse")) {
            JsonNode response = part.get("functionResponse");
            String name = response.path("name").asString("");
            JsonNode answered = response.hasNonNull("id") ? callsById.get(response.get("id").asString())
                    : nthCall(name, answeredByName.merge(name, 1, Integer::sum) - 1);
            JsonNode payload = response.path("response");
            part(role, result(answered, payload));
        } else if (part.has("inlineData") || part.has("fileData")) {
            JsonNode data = part.has("inlineData") ? part.get("inlineData") : part.get("fileData");
            String mediaType = data.path("mimeType").asString("");
            String kind = mediaType.startsWith("image/") ? "image" : "document";
            part(role, part.has("inlineData") ? media(kind, mediaType, data.path("data").asString(""))
                    : url(kind, data.path("fileUri").asString("")));
        } else if (part.has("text") && !part.path("thought").asBoolean(false)) {
            part(role, text(part.get("text").asString()));
        }
    }

    private JsonNode nthCall(String name, int n) {
        return lastModelCalls.stream().filter(c -> c.path("name").asString("").equals(name)).skip(n).findFirst()
                .orElse(null);
    }

    /** Appends a part to the last turn, opening a turn when the role changes. */
    private void part(String role, ObjectNode part) {
        JsonNode last = turns.isEmpty() ? null : turns.get(turns.size() - 1);
        ObjectNode turn;
        if (last != null && last.path("role").asString("").equals(role)) {
            turn = (ObjectNode) last;
        } else {
            turn = turns.addObject().put("role", role);
            turn.putArray("parts");
        }
        ((ArrayNode) turn.get("parts")).add(part);
    }

    private static ObjectNode text(String text) {
        return Json.object().put("text", text);
    }

    private static ObjectNode media(String kind, String mediaType, String data) {
        ObjectNode part = Json.object();
        part.putObject(kind).put("media_type", mediaType).put("data", data);
        return part;
    }

    private static ObjectNode url(String kind, String url) {
        ObjectNode part = Json.object();
        part.putObject(kind).put("url", url);
        return part;
    }

    private ObjectNode call(String id, String name, JsonNode args) {
        ObjectNode call = Json.object().put("id", id).put("name", name);
        call.set("args", args.isMissingNode() || args.isNull() ? Json.object() : args);
        if (!id.isEmpty()) {
            callsById.put(id, call);
        }
        ObjectNode part = Json.object();
        part.set("call", call);
        return part;
    }

    private static ObjectNode result(JsonNode call, JsonNode content) {
        ObjectNode result = Json.object();
        if (call == null) {
            result.putNull("name");
            result.putNull("args");
        } else {
            result.set("name", call.get("name"));
            result.set("args", call.get("args"));
        }
        // Gemini's SDK convention {"output": …} says the same as the bare output, whichever dialect carries it.
        result.set("content", content.size() == 1 && content.has("output") ? content.get("output") : content);
        ObjectNode part = Json.object();
        part.set("result", result);
        return part;
    }

    private void tool(JsonNode name, JsonNode description, JsonNode schema) {
        ObjectNode tool = view.withArray("tools").addObject();
        tool.put("name", name.asString(""));
        tool.put("description", description.asString(""));
        tool.set("schema", lowerCasedTypes(schema));
    }

    private void putSchema(JsonNode schema) {
        if (schema.isObject()) {
            view.set("response_schema", lowerCasedTypes(schema));
        }
    }

    private void putNumber(String field, JsonNode value) {
        // A zero thinking budget is thinking off, as is no thinking configuration.
        if (value.isNumber() && !(field.equals("thinking_budget") && value.asLong() == 0)) {
            view.put(field, value.asLong());
        }
    }

    private void putText(String field, StringBuilder text) {
        if (!text.isEmpty()) {
            view.put(field, text.toString());
        }
    }

    /** The text of a string, or of an array of text parts / blocks joined without separator. */
    private static String joinedText(JsonNode content) {
        if (content.isString()) {
            return content.stringValue();
        }
        StringBuilder out = new StringBuilder();
        content.forEach(item -> out.append(item.path("text").asString("")));
        return out.toString();
    }

    /** JSON text as its tree; other text as a string node. */
    private static JsonNode content(String text) {
        String trimmed = text.strip();
        if (trimmed.startsWith("{") || trimmed.startsWith("[")) {
            return Json.tryParse(trimmed).map(JsonNode.class::cast).orElse(NODES.stringNode(text));
        }
        return NODES.stringNode(text);
    }

    private static JsonNode lowerCasedTypes(JsonNode schema) {
        JsonNode copy = schema.deepCopy();
        lowerCase(copy);
        return copy;
    }

    private static void lowerCase(JsonNode node) {
        if (node instanceof ObjectNode object) {
            for (String key : List.copyOf(object.propertyNames())) {
                JsonNode value = object.get(key);
                if (key.equals("type") && value.isString()) {
                    object.put(key, value.stringValue().toLowerCase(Locale.ROOT));
                } else {
                    lowerCase(value);
                }
            }
        } else if (node instanceof ArrayNode array) {
            array.forEach(RequestView::lowerCase);
        }
    }
}
