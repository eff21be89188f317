package dev.junction.extension;

import java.util.Locale;
import java.util.Optional;

/** The points of the request path an extension can hook into, named as in its manifest and configuration. */
public enum Hook {
    /** Before the request is sent: read, rewrite or refuse the canonical request ({@link RequestHook}). */
    REQUEST,
    /** Where the route's deployments are ordered: reorder or leave some out ({@link RoutingHook}). */
    ROUTING,
    /** A complete answer to a request that did not stream ({@link ResponseHook}). */
    RESPONSE,
    /** Each canonical event of a streamed answer ({@link StreamHook}). */
    STREAM_EVENT,
    /** The request is over: a read-only summary ({@link FinishedHook}). */
    FINISHED;

    /** The name in manifests and configuration: {@code request}, {@code routing}, {@code stream-event} … */
    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The hook of a label, if it names one. */
    public static Optional<Hook> ofLabel(String label) {
        for (Hook hook : values()) {
            if (hook.label().equals(label)) {
                return Optional.of(hook);
            }
        }
        return Optional.empty();
    }

    /**
     * Whether a hook of this kind may declare blocking work and run on the worker pool: the request, response and
     * finished hooks. Routing and stream-event hooks sit inside an ordering or a stream and always run on the
     * event loop.
     */
    public boolean mayBlock() {
        return this == REQUEST || this == RESPONSE || this == FINISHED;
    }
}
