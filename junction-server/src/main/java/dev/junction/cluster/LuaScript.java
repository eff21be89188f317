package dev.junction.cluster;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

/**
 * A Lua script for Redis with its SHA-1 digest, the name Redis caches it under ({@code EVALSHA}). Immutable.
 *
 * @param name a name for logs, such as the resource it was read from
 * @param source the script
 * @param sha1 the lower-case hex SHA-1 of the UTF-8 source, as {@code SCRIPT LOAD} would answer
 */
public record LuaScript(String name, String source, String sha1) {

    /** Checks the components. */
    public LuaScript {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(sha1, "sha1");
    }

    /** The script {@code source}, with its digest computed. */
    public static LuaScript of(String name, String source) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-1").digest(source.getBytes(StandardCharsets.UTF_8));
            return new LuaScript(name, source, HexFormat.of().formatHex(digest));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-1", e);
        }
    }

    /** The script in the class-path resource {@code resource}, relative to {@code owner}'s package. */
    public static LuaScript fromResource(Class<?> owner, String resource) {
        try (InputStream in = owner.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing Lua script " + resource + " next to " + owner.getName());
            }
            return of(resource, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("could not read Lua script " + resource, e);
        }
    }
}
