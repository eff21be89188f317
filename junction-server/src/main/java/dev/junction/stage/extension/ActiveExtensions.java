package dev.junction.stage.extension;

import dev.junction.extension.ExtensionLoader;
import dev.junction.extension.Hook;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The extensions one load started, in their order (manifest order, or the operator's; ties by name), with the jars'
 * class loaders they came from. Requests that arrive while it is current {@link #acquire} it and {@link #release} it
 * when over; once {@link #retire}d by a reload, the last release closes every extension and then the class loaders,
 * so a jar replaced in the directory is let go only after the requests it served. Thread safe.
 */
final class ActiveExtensions {

    /** None: the request path has no extension stage. */
    static final ActiveExtensions NONE = new ActiveExtensions(List.of(), Optional.empty(), List.of(), Runnable::run);

    private final List<RunningExtension> all;
    private final List<RunningExtension> request;
    private final List<RunningExtension> routing;
    private final List<RunningExtension> response;
    private final List<RunningExtension> stream;
    private final List<RunningExtension> finished;
    private final Optional<ExtensionLoader.Found> jars;
    private final List<String> problems;
    private final Executor closer;
    /** Requests using this set, plus one for being current; reaches zero only after {@link #retire}. */
    private final AtomicInteger users = new AtomicInteger(1);

    /** @param closer where the extensions and class loaders are closed (file I/O: off the event loops) */
    ActiveExtensions(List<RunningExtension> extensions, Optional<ExtensionLoader.Found> jars, List<String> problems,
                     Executor closer) {
        this.closer = closer;
        this.all = extensions.stream().sorted(Comparator.comparingInt((RunningExtension e) -> e.manifest().order())
                .thenComparing(RunningExtension::name)).toList();
        this.request = with(Hook.REQUEST);
        this.routing = with(Hook.ROUTING);
        this.response = with(Hook.RESPONSE);
        this.stream = with(Hook.STREAM_EVENT);
        this.finished = with(Hook.FINISHED);
        this.jars = jars;
        this.problems = List.copyOf(problems);
    }

    private List<RunningExtension> with(Hook hook) {
        return all.stream().filter(e -> e.manifest().hooks().contains(hook)).toList();
    }

    boolean isEmpty() {
        return all.isEmpty();
    }

    List<RunningExtension> all() {
        return all;
    }

    List<RunningExtension> request() {
        return request;
    }

    List<RunningExtension> routing() {
        return routing;
    }

    List<RunningExtension> response() {
        return response;
    }

    List<RunningExtension> stream() {
        return stream;
    }

    List<RunningExtension> finished() {
        return finished;
    }

    /** What the load could not do (a jar, a missing plugin, a start that threw), for the admin API. */
    List<String> problems() {
        return problems;
    }

    Optional<RunningExtension> named(String name) {
        return all.stream().filter(e -> e.name().equals(name)).findFirst();
    }

    /** A request starts using this set. */
    void acquire() {
        users.incrementAndGet();
    }

    /** A request is over with this set. */
    void release() {
        if (users.decrementAndGet() == 0) {
            close();
        }
    }

    /** No longer current: closed once the last request using it is over. */
    void retire() {
        release();
    }

    private void close() {
        closer.execute(() -> {
            all.forEach(RunningExtension::close);
            jars.ifPresent(ExtensionLoader.Found::close);
        });
    }
}
