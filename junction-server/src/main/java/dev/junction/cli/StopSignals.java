package dev.junction.cli;

import sun.misc.Signal;

/**
 * SIGTERM and SIGINT as a request to stop rather than the JVM's own exit: a handler installed here replaces the
 * JVM's, so the process drains and then exits with the status {@code serve} returns (0), where the JVM would exit
 * with 128 + the signal's number after its shutdown hooks, which service managers and Kubernetes count as a failure.
 * A repeated signal changes nothing: the launcher passes its own on, and systemd signals the whole control group, so
 * one stop often arrives twice. {@code sun.misc.Signal} (module {@code jdk.unsupported}) is the JDK's only way to
 * handle a signal.
 */
final class StopSignals {

    private StopSignals() {
    }

    /** Runs {@code stop} (on the JVM's signal thread; it must return quickly) at each SIGTERM or SIGINT. */
    static void onStop(Runnable stop) {
        for (String name : new String[] {"TERM", "INT"}) {
            Signal.handle(new Signal(name), signal -> stop.run());
        }
    }
}
