package dev.junction.conformance;

import dev.junction.testing.TestFixtures;

import dev.junction.json.Json;
import java.nio.charset.StandardCharsets;
import tools.jackson.databind.node.ObjectNode;

/**
 * The wire fixtures of every dialect on the test classpath ({@code /fixtures/<dialect>/}). The same conversation
 * ("weather in Paris and Tokyo") is recorded in each dialect, and {@code *.stream.*} files pair with their
 * non-stream twins.
 */
final class Fixtures {

    private Fixtures() {}

    /** Whether the dialect has this fixture. */
    static boolean exists(WireDialect dialect, String name) {
        return Fixtures.class.getResource(path(dialect, name)) != null;
    }

    /** The raw bytes of one fixture. */
    static byte[] bytes(WireDialect dialect, String name) {
        return TestFixtures.bytes(path(dialect, name));
    }

    /** A fixture as text. */
    static String text(WireDialect dialect, String name) {
        return new String(bytes(dialect, name), StandardCharsets.UTF_8);
    }

    /** A JSON fixture as a fresh, mutable tree. */
    static ObjectNode json(WireDialect dialect, String name) {
        return Json.parseObject(bytes(dialect, name));
    }

    private static String path(WireDialect dialect, String name) {
        return "/fixtures/" + dialect.fixtureDir() + "/" + name;
    }
}
