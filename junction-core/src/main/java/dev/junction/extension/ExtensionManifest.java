package dev.junction.extension;

import java.time.Duration;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What an extension declares of itself. The operator's configuration may override {@code order}, {@code timeout}
 * and {@code failureMode}; the hooks and their blocking flags are the extension's own. Immutable.
 *
 * @param name the name the configuration enables it by: lower case letters, digits and {@code -}, unique
 * @param version the extension's version, for reports
 * @param hooks the hooks it implements; the hooks it returns from {@link JunctionExtension#start} must be these
 * @param order where it runs among extensions: lower first (request hooks in order, response and stream hooks too;
 *     ties by name)
 * @param timeout how long one call of a hook may take
 * @param failureMode what a throwing or overrunning hook leads to
 * @param blocking the hooks that do blocking work (I/O, locks): run on the worker pool, never on an event loop;
 *     only hooks whose {@link Hook#mayBlock} is true may be listed
 */
public record ExtensionManifest(String name, String version, Set<Hook> hooks, int order, Duration timeout,
                                FailureMode failureMode, Set<Hook> blocking) {

    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");

    /** The timeout of a manifest that names none. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMillis(200);

    public ExtensionManifest {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(failureMode, "failureMode");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("extension name '" + name + "': use lower case letters, digits and '-'");
        }
        if (hooks.isEmpty()) {
            throw new IllegalArgumentException("extension '" + name + "' declares no hook");
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("extension '" + name + "': the timeout must be positive");
        }
        hooks = Set.copyOf(EnumSet.copyOf(hooks));
        blocking = blocking.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(blocking));
        for (Hook hook : blocking) {
            if (!hooks.contains(hook)) {
                throw new IllegalArgumentException("extension '" + name + "' declares " + hook.label()
                        + " blocking but does not implement it");
            }
            if (!hook.mayBlock()) {
                throw new IllegalArgumentException("extension '" + name + "': a " + hook.label()
                        + " hook runs on the event loop and cannot be blocking");
            }
        }
    }

    /** A manifest of non-blocking hooks, order 100, the default timeout, fail-open. */
    public static ExtensionManifest of(String name, String version, Set<Hook> hooks) {
        return new ExtensionManifest(name, version, hooks, 100, DEFAULT_TIMEOUT, FailureMode.FAIL_OPEN, Set.of());
    }

    /** This manifest with another order. */
    public ExtensionManifest withOrder(int newOrder) {
        return new ExtensionManifest(name, version, hooks, newOrder, timeout, failureMode, blocking);
    }

    /** This manifest with another timeout. */
    public ExtensionManifest withTimeout(Duration newTimeout) {
        return new ExtensionManifest(name, version, hooks, order, newTimeout, failureMode, blocking);
    }

    /** This manifest with another failure mode. */
    public ExtensionManifest withFailureMode(FailureMode mode) {
        return new ExtensionManifest(name, version, hooks, order, timeout, mode, blocking);
    }

    /** This manifest with {@code hooks} declared blocking. */
    public ExtensionManifest withBlocking(Set<Hook> blockingHooks) {
        return new ExtensionManifest(name, version, hooks, order, timeout, failureMode, blockingHooks);
    }

    /** Whether {@code hook} does blocking work. */
    public boolean blocks(Hook hook) {
        return blocking.contains(hook);
    }
}
