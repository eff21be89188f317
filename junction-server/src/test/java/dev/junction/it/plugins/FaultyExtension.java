package dev.junction.it.plugins;

import dev.junction.extension.ExtensionHooks;
import dev.junction.extension.ExtensionManifest;
import dev.junction.extension.Hook;
import dev.junction.extension.JunctionExtension;
import dev.junction.extension.RequestDecision;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import tools.jackson.databind.node.ObjectNode;

/**
 * A test extension whose request hook misbehaves as {@link #fault} says: throws, or sleeps past its timeout (100 ms).
 * Declared non-blocking; {@link Blocking} is the same hook declared blocking.
 */
public class FaultyExtension implements JunctionExtension {

    /** What the hook does now. */
    public enum Fault { NONE, THROW, SLOW }

    public static volatile Fault fault = Fault.NONE;
    /** How long a slow call sleeps. */
    public static volatile long sleepMillis = 300;
    /** Calls of the hook so far. */
    public static final AtomicInteger CALLS = new AtomicInteger();
    /** The thread of the last call. */
    public static volatile String lastThread = "";

    protected String name() {
        return "faulty";
    }

    protected Set<Hook> blocking() {
        return Set.of();
    }

    @Override
    public ExtensionManifest manifest() {
        return new ExtensionManifest(name(), "0.1.0", Set.of(Hook.REQUEST), 100, java.time.Duration.ofMillis(100),
                dev.junction.extension.FailureMode.FAIL_OPEN, blocking());
    }

    @Override
    public ExtensionHooks start(ObjectNode settings) {
        return ExtensionHooks.builder().onRequest((info, request) -> {
            CALLS.incrementAndGet();
            lastThread = Thread.currentThread().getName();
            switch (fault) {
                case THROW -> throw new IllegalStateException("the faulty extension fails on purpose");
                case SLOW -> {
                    try {
                        Thread.sleep(sleepMillis);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                case NONE -> { }
            }
            return RequestDecision.proceed();
        }).build();
    }

    /** The same hook, declared blocking: it runs on the worker pool. */
    public static final class Blocking extends FaultyExtension {
        @Override
        protected String name() {
            return "faulty-blocking";
        }

        @Override
        protected Set<Hook> blocking() {
            return Set.of(Hook.REQUEST);
        }
    }
}
