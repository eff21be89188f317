package dev.junction.admin;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** String lists and label maps in the admin API's JSON; maps with sorted keys, so equal maps render equally. */
final class StringsJson {

    private StringsJson() {}

    /** Adds {@code values} as an array field. */
    static void list(ObjectNode node, String field, List<String> values) {
        ArrayNode array = node.putArray(field);
        values.forEach(array::add);
    }

    /** Adds {@code values} as an object field of strings. */
    static void map(ObjectNode node, String field, Map<String, String> values) {
        ObjectNode object = node.putObject(field);
        new TreeMap<>(values).forEach(object::put);
    }
}
