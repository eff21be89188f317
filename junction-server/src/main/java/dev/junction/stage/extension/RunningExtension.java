package dev.junction.stage.extension;

import dev.junction.events.EventBus;
import dev.junction.events.ExtensionFailed;
import dev.junction.extension.ExtensionHooks;
import dev.junction.extension.ExtensionManifest;
import dev.junction.extension.FailureMode;
import dev.junction.extension.Hook;
import dev.junction.extension.JunctionExtension;
import dev.junction.model.GatewayError;
import java.time.Clock;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One started extension: its entry point, its manifest with the operator's overrides, its hooks, where it came from,
 * whether its finished hook may see bodies, and its {@link ExtensionHealth}. Reports failures (log, event, disabling).
 * Thread safe.
 */
final class RunningExtension {

    private static final Logger LOG = LoggerFactory.getLogger(RunningExtension.class);

    private final JunctionExtension extension;
    private final ExtensionManifest manifest;
    private final ExtensionHooks hooks;
    private final String source;
    private final boolean bodies;
    private final ExtensionHealth health;
    private final EventBus events;
    private final Clock clock;

    RunningExtension(JunctionExtension extension, ExtensionManifest manifest, ExtensionHooks hooks, String source,
                     boolean bodies, int disableAfter, EventBus events, Clock clock) {
        this.extension = extension;
        this.manifest = manifest;
        this.hooks = hooks;
        this.source = source;
        this.bodies = bodies;
        this.health = new ExtensionHealth(disableAfter);
        this.events = events;
        this.clock = clock;
    }

    String name() {
        return manifest.name();
    }

    ExtensionManifest manifest() {
        return manifest;
    }

    ExtensionHooks hooks() {
        return hooks;
    }

    String source() {
        return source;
    }

    boolean bodies() {
        return bodies;
    }

    ExtensionHealth health() {
        return health;
    }

    /** Whether its hooks are called. */
    boolean active() {
        return !health.disabled();
    }

    /** Records a failed call of {@code hook}: logged, counted, published; disables the extension at the limit. */
    void failed(Hook hook, String requestId, boolean timedOut, Optional<Throwable> cause) {
        boolean disabledNow = health.failed(timedOut);
        String reason = timedOut ? "timeout" : "error";
        var log = LOG.atWarn().addKeyValue("extension", name()).addKeyValue("hook", hook.label())
                .addKeyValue("reason", reason).addKeyValue("failure_mode", manifest.failureMode().label())
                .addKeyValue("request_id", requestId);
        if (timedOut) {
            log.log("An extension's hook overran its timeout of {} ms", manifest.timeout().toMillis());
        } else {
            log.log("An extension's hook failed: {}", cause.map(RunningExtension::describe).orElse("unknown"));
        }
        if (disabledNow) {
            LOG.atError().addKeyValue("extension", name()).addKeyValue("consecutive_failures",
                    health.consecutiveFailures()).log("Extension disabled after repeated failures; re-enable it with "
                    + "POST /api/admin/extensions/{name}/enable or a configuration reload");
        }
        events.publish(new ExtensionFailed(clock.instant(), requestId, name(), hook.label(), reason,
                manifest.failureMode().label(), disabledNow));
    }

    /** Whether a failure refuses the request. */
    boolean failsClosed() {
        return manifest.failureMode() == FailureMode.FAIL_CLOSED;
    }

    /** The 503 a fail-closed failure answers with, in the caller's dialect. */
    GatewayError refusal() {
        return new GatewayError.Unavailable("The extension '" + name() + "' could not check the request.",
                Optional.empty());
    }

    /** Calls the extension's {@code close}; never throws. */
    void close() {
        try {
            extension.close();
        } catch (RuntimeException | LinkageError e) {
            LOG.atWarn().addKeyValue("extension", name()).log("An extension failed to close: {}", describe(e));
        }
    }

    private static String describe(Throwable e) {
        return e.getClass().getName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    }
}
