package dev.junction.routing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Timers that fire only when told to. */
final class ManualTimers implements RouteExecutor.Timers {
    final List<Long> delays = new ArrayList<>();
    final List<Long> cancelled = new ArrayList<>();
    private final Map<Long, Runnable> pending = new LinkedHashMap<>();

    @Override
    public long set(long delayMillis, Runnable action) {
        delays.add(delayMillis);
        long id = delays.size();
        pending.put(id, action);
        return id;
    }

    @Override
    public void cancel(long id) {
        if (pending.remove(id) != null) {
            cancelled.add(id);
        }
    }

    /** Runs the timers due now, once. */
    void fire() {
        List<Runnable> due = new ArrayList<>(pending.values());
        pending.clear();
        due.forEach(Runnable::run);
    }
}
