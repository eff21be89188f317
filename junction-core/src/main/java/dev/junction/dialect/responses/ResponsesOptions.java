package dev.junction.dialect.responses;

import static dev.junction.json.Json.optBoolean;
import static dev.junction.json.Json.optString;

import dev.junction.model.GatewayException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What the server needs of a Responses request besides the canonical form: conversation state and storage
 * ({@code previous_response_id}, {@code conversation}, {@code store}), asynchronous execution ({@code background}),
 * what to include in the answer, the instructions (which are not carried over to a chained turn) and the metadata.
 *
 * @param previousResponseId the response this turn continues, whose conversation the gateway must restore
 * @param conversation the id of an OpenAI conversation the turn belongs to ({@code conversation} as a string or
 *     {@code {"id": …}})
 * @param store whether the response is to be stored for later turns; the API's default is {@code true}
 * @param background whether the client asked for asynchronous execution
 * @param include the extra output the client asked for ({@code reasoning.encrypted_content}, …), in order
 * @param instructions the system instructions of this turn
 * @param metadata the client's string pairs
 */
public record ResponsesOptions(Optional<String> previousResponseId, Optional<String> conversation, boolean store,
                               boolean background, List<String> include, Optional<String> instructions,
                               Map<String, String> metadata) {

    /** The value of {@code include} that asks for reasoning to be returned for stateless replays. */
    public static final String ENCRYPTED_REASONING = "reasoning.encrypted_content";

    /** Copies the lists and maps. */
    public ResponsesOptions {
        include = List.copyOf(include);
        metadata = Map.copyOf(metadata);
    }

    /** Reads the options of a request body; a field of the wrong type is a 400 naming it. */
    public static ResponsesOptions of(ObjectNode body) {
        return new ResponsesOptions(optString(body, "previous_response_id", "previous_response_id"),
                conversation(body.get("conversation")), optBoolean(body, "store", "store").orElse(true),
                optBoolean(body, "background", "background").orElse(false), include(body.get("include")),
                optString(body, "instructions", "instructions"), metadata(body.get("metadata")));
    }

    /** Whether the client asked for reasoning as {@code encrypted_content}. */
    public boolean includesEncryptedReasoning() {
        return include.contains(ENCRYPTED_REASONING);
    }

    private static Optional<String> conversation(JsonNode conversation) {
        if (conversation == null || conversation.isNull()) {
            return Optional.empty();
        }
        if (conversation.isString()) {
            return Optional.of(conversation.stringValue());
        }
        if (!conversation.isObject()) {
            throw GatewayException.invalid("conversation", "Invalid type for 'conversation': expected a string or "
                    + "an object.");
        }
        return Optional.of(optString(conversation, "id", "conversation.id").orElseThrow(() ->
                GatewayException.invalid("conversation.id", "Missing required parameter: 'conversation.id'.")));
    }

    static List<String> include(JsonNode include) {
        if (include == null || include.isNull()) {
            return List.of();
        }
        if (!include.isArray()) {
            throw GatewayException.invalid("include", "Invalid type for 'include': expected an array of strings.");
        }
        List<String> out = new ArrayList<>(include.size());
        for (int i = 0; i < include.size(); i++) {
            if (!include.get(i).isString()) {
                throw GatewayException.invalid("include[" + i + "]", "Invalid type for 'include[" + i
                        + "]': expected a string.");
            }
            out.add(include.get(i).stringValue());
        }
        return out;
    }

    static Map<String, String> metadata(JsonNode metadata) {
        if (metadata == null || metadata.isNull()) {
            return Map.of();
        }
        if (!metadata.isObject()) {
            throw GatewayException.invalid("metadata", "Invalid type for 'metadata': expected an object.");
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : metadata.properties()) {
            if (!e.getValue().isString()) {
                throw GatewayException.invalid("metadata." + e.getKey(), "Invalid type for 'metadata."
                        + e.getKey() + "': expected a string.");
            }
            out.put(e.getKey(), e.getValue().stringValue());
        }
        return out;
    }
}
