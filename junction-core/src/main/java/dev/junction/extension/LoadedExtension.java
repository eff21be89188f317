package dev.junction.extension;

import java.util.Objects;

/**
 * An extension found by the {@link ExtensionLoader}, not yet started: its entry point, its manifest (read once), and
 * where it came from.
 *
 * @param source {@code classpath}, or the jar's file name
 */
public record LoadedExtension(JunctionExtension extension, ExtensionManifest manifest, String source) {
    public LoadedExtension {
        Objects.requireNonNull(extension);
        Objects.requireNonNull(manifest);
        Objects.requireNonNull(source);
    }
}
