package dev.junction.extension;

import tools.jackson.databind.node.ObjectNode;

/**
 * The entry point of an extension, found by {@link java.util.ServiceLoader}: list the implementing class in
 * {@code META-INF/services/dev.junction.extension.JunctionExtension} of its jar, and give it a public no-argument
 * constructor. The gateway instantiates it when it loads the jar (at start-up and when it reloads), reads its
 * {@link #manifest}, and, when the configuration enables it, calls {@link #start} once with its settings and
 * {@link #close} when a reload or shutdown retires it (after the requests it served are over).
 *
 * <p>The extension sees the canonical model ({@code dev.junction.model}) and the types of this package only; it must
 * not reach into the gateway's other classes, which are not a stable API.
 */
public interface JunctionExtension {

    /** What the extension declares of itself; called once per load. */
    ExtensionManifest manifest();

    /**
     * Starts the extension with the operator's settings ({@code extensions.plugins.<name>.settings}, an empty object
     * when none) and returns its hooks, which must be exactly the manifest's. Throwing (for example on bad settings)
     * keeps the extension out and is reported. Called on a worker thread, never on an event loop.
     */
    ExtensionHooks start(ObjectNode settings);

    /** Releases what {@link #start} took (files, connections); no hook is called afterwards. The default does nothing. */
    default void close() {
    }
}
