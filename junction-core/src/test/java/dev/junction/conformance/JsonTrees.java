package dev.junction.conformance;

import dev.junction.testing.TestFixtures;

import tools.jackson.databind.JsonNode;

/** Structural JSON comparison: trees whose numbers compare by value whatever node type a parser picked. */
final class JsonTrees {

    private JsonTrees() {}

    /** A copy where every integral number is a long and every other number a double. */
    static JsonNode normalized(JsonNode node) {
        return TestFixtures.normalized(node);
    }
}
