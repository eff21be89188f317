package dev.junction.endpoint.responses;

import dev.junction.conversation.StoredResponse;
import dev.junction.json.Json;
import dev.junction.model.GatewayException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One page of {@code GET /v1/responses/{id}/input_items}: the turn's own input items, each with an id (the client's,
 * or a stable one derived from the response and the item's position), message content as typed parts, in the
 * order asked ({@code order=desc} by default), {@code limit} at a time (1 to 100, default 20) after the item named by
 * {@code after}. Pure; thread safe.
 */
final class InputItemsPage {

    private InputItemsPage() {}

    static ObjectNode of(StoredResponse stored, Function<String, Optional<String>> query) {
        int limit = limit(query.apply("limit"));
        boolean ascending = switch (query.apply("order").orElse("desc")) {
            case "asc" -> true;
            case "desc" -> false;
            default -> throw GatewayException.invalid("order", "Invalid value for 'order': expected 'asc' or 'desc'.");
        };
        List<ObjectNode> items = items(stored);
        if (!ascending) {
            items = items.reversed();
        }
        int start = 0;
        Optional<String> after = query.apply("after");
        if (after.isPresent()) {
            start = -1;
            for (int i = 0; i < items.size(); i++) {
                if (items.get(i).path("id").asString("").equals(after.get())) {
                    start = i + 1;
                }
            }
            if (start < 0) {
                throw GatewayException.invalid("after", "No input item with id '" + after.get() + "' in this response.");
            }
        }
        List<ObjectNode> page = items.subList(Math.min(start, items.size()), Math.min(start + limit, items.size()));
        ObjectNode body = Json.object().put("object", "list");
        ArrayNode data = body.putArray("data");
        page.forEach(data::add);
        if (page.isEmpty()) {
            body.putNull("first_id").putNull("last_id");
        } else {
            body.put("first_id", page.getFirst().path("id").asString()).put("last_id", page.getLast().path("id").asString());
        }
        return body.put("has_more", start + page.size() < items.size());
    }

    private static int limit(Optional<String> value) {
        if (value.isEmpty()) {
            return 20;
        }
        try {
            int limit = Integer.parseInt(value.get());
            if (limit >= 1 && limit <= 100) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw GatewayException.invalid("limit", "Invalid value for 'limit': expected an integer from 1 to 100.");
    }

    /** This turn's input items in the order sent, with ids and typed message content. */
    private static List<ObjectNode> items(StoredResponse stored) {
        JsonNode all = Json.MAPPER.readTree(stored.items());
        String core = stored.id().startsWith("resp_") ? stored.id().substring(5) : stored.id();
        List<ObjectNode> out = new ArrayList<>();
        for (int i = Math.max(0, all.size() - stored.inputCount()); i < all.size(); i++) {
            if (!(all.get(i) instanceof ObjectNode item)) {
                continue;
            }
            ObjectNode copy = item.deepCopy();
            String type = copy.path("type").asString(copy.has("role") ? "message" : "item");
            copy.put("type", type);
            if (!copy.has("id")) {
                copy.put("id", (type.equals("message") ? "msg_" : "item_") + core + "_in" + i);
            }
            if (type.equals("message") && copy.path("content").isString()) {
                String partType = "assistant".equals(copy.path("role").asString()) ? "output_text" : "input_text";
                String text = copy.path("content").asString();
                copy.putArray("content").addObject().put("type", partType).put("text", text);
            }
            out.add(copy);
        }
        return out;
    }
}
