package dev.junction.upstream;

import java.util.ArrayList;
import java.util.List;

/**
 * A one-shot signal that the client is gone (or the gateway is giving up): everything registered stops paying for
 * tokens. Callbacks registered after cancellation run at once. Used from one event loop; not thread safe.
 */
public final class Cancellation {

    private final List<Runnable> hooks = new ArrayList<>(2);
    private boolean cancelled;

    /** Registers work to undo on cancellation. */
    public void onCancel(Runnable hook) {
        if (cancelled) {
            hook.run();
        } else {
            hooks.add(hook);
        }
    }

    /** Fires the signal; later calls do nothing. */
    public void cancel() {
        if (cancelled) {
            return;
        }
        cancelled = true;
        for (Runnable hook : hooks) {
            hook.run();
        }
        hooks.clear();
    }

    /** Whether the signal has fired. */
    public boolean isCancelled() {
        return cancelled;
    }
}
