package dev.junction.admin;

import dev.junction.json.Json;
import java.util.LinkedHashSet;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.MissingNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The detail of an audit entry, made from the admin API's JSON form of the thing changed: on create or delete its
 * fields, on update each changed field as {@code {"from": …, "to": …}}. Ids, times and a key's display prefix are
 * left out (the entry carries the id; the prefix is part of the key). The JSON forms never hold a secret, so neither
 * does the detail.
 */
public final class AuditDetail {

    private static final Set<String> LEFT_OUT = Set.of("id", "created_at", "updated_at", "prefix", "key");

    private AuditDetail() {}

    /** The fields of a thing as created (or as it was when deleted). */
    public static ObjectNode of(ObjectNode rendered) {
        ObjectNode detail = Json.object();
        rendered.properties().forEach(e -> {
            if (!LEFT_OUT.contains(e.getKey())) {
                detail.set(e.getKey(), e.getValue());
            }
        });
        return detail;
    }

    /** The fields that differ between two forms of one thing, each as {@code {"from": …, "to": …}}. */
    public static ObjectNode changes(ObjectNode before, ObjectNode after) {
        Set<String> names = new LinkedHashSet<>(before.propertyNames());
        names.addAll(after.propertyNames());
        ObjectNode detail = Json.object();
        for (String name : names) {
            if (LEFT_OUT.contains(name)) {
                continue;
            }
            JsonNode from = before.has(name) ? before.get(name) : MissingNode.getInstance();
            JsonNode to = after.has(name) ? after.get(name) : MissingNode.getInstance();
            if (!from.equals(to)) {
                ObjectNode change = detail.putObject(name);
                change.set("from", from.isMissingNode() ? change.nullNode() : from);
                change.set("to", to.isMissingNode() ? change.nullNode() : to);
            }
        }
        return detail;
    }
}
