package dev.junction.stage.extension;

import dev.junction.config.ExtensionSettings;
import dev.junction.events.EventBus;
import dev.junction.extension.ExtensionHooks;
import dev.junction.extension.ExtensionLoader;
import dev.junction.extension.ExtensionManifest;
import dev.junction.extension.Hook;
import dev.junction.extension.LoadedExtension;
import dev.junction.extension.PluginDirectory;
import dev.junction.pipeline.Stage;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway's extensions for its whole life: loads the plugins the configuration enables (the class path, and the
 * jars of {@code extensions.directory}, each in its own class loader), starts them, and swaps in a new set when the
 * configuration's {@code extensions:} section or the directory's jars change ({@link #apply}, {@link #rescan},
 * {@link #reload}); the old set is closed after the requests that use it are over. {@link #any} tells the pipelines
 * whether the extension stage is in the chain at all. Loading blocks (files, the plugins' {@code start}): call the
 * loading methods off the event loops. Thread safe.
 */
public final class ExtensionHost {

    private static final Logger LOG = LoggerFactory.getLogger(ExtensionHost.class);

    private final ExtensionLoader loader;
    private final EventBus events;
    private final Clock clock;
    private final Executor closer;
    private final ExtensionStage stage;
    private volatile ActiveExtensions current = ActiveExtensions.NONE;
    /** Whether some plugin is enabled: read by the event loop's rescan timer without taking the lock. */
    private volatile boolean watching;
    // Guarded by this.
    private ExtensionSettings settings = ExtensionSettings.NONE;
    private String fingerprint = "";

    /** A host with the extensions {@code initial} enables, loaded now. */
    public ExtensionHost(ExtensionSettings initial, Vertx vertx, EventBus events, Clock clock) {
        this.loader = new ExtensionLoader(ExtensionHost.class.getClassLoader());
        this.events = events;
        this.clock = clock;
        this.closer = task -> vertx.executeBlocking(() -> {
            task.run();
            return null;
        }, false);
        this.stage = new ExtensionStage(this);
        apply(initial);
    }

    /** The stage that runs the current extensions; placed right before execute. */
    public Stage stage() {
        return stage;
    }

    /** Whether any extension runs: when none does, the pipelines leave the stage out. A volatile read. */
    public boolean any() {
        return !current.isEmpty();
    }

    /** The set a request arriving now uses. */
    ActiveExtensions current() {
        return current;
    }

    /** Takes a new configuration: reloads when its section or the directory's jars changed. */
    public synchronized void apply(ExtensionSettings next) {
        String now = next.any() ? fingerprint(next.directory()) : "";
        if (next.equals(settings) && now.equals(fingerprint)) {
            return;
        }
        load(next, now);
    }

    /** Looks at the directory again and reloads when a jar was added, removed or replaced. Cheap when none is on. */
    public synchronized void rescan() {
        if (!settings.any()) {
            return;
        }
        String now = fingerprint(settings.directory());
        if (!now.equals(fingerprint)) {
            load(settings, now);
        }
    }

    /** Loads the extensions again, whatever changed: new instances, new class loaders, fresh failure counts. */
    public synchronized void reload() {
        load(settings, settings.any() ? fingerprint(settings.directory()) : "");
    }

    /** Whether the directory should be watched: some plugin is enabled. A volatile read, never waits for a load. */
    public boolean watching() {
        return watching;
    }

    /** Enables a disabled extension again; false when no running extension has that name. */
    public boolean enable(String name) {
        Optional<RunningExtension> found = current.named(name);
        found.ifPresent(e -> {
            if (e.health().enable()) {
                LOG.atInfo().addKeyValue("extension", name).log("Extension enabled again");
            }
        });
        return found.isPresent();
    }

    /** The running extensions, in order. */
    public List<ExtensionStatus> status() {
        return current.all().stream().map(ExtensionHost::status).toList();
    }

    /** What the last load could not do. */
    public List<String> problems() {
        return current.problems();
    }

    /** The configured directory of plugin jars. */
    public synchronized Path directory() {
        return settings.directory();
    }

    /** Retires the running extensions; they close once the requests using them are over. */
    public synchronized void close() {
        ActiveExtensions old = current;
        current = ActiveExtensions.NONE;
        settings = ExtensionSettings.NONE;
        watching = false;
        old.retire();
    }

    private void load(ExtensionSettings next, String print) {
        List<String> problems = new ArrayList<>();
        List<RunningExtension> running = new ArrayList<>();
        Optional<ExtensionLoader.Found> jars = Optional.empty();
        if (next.any()) {
            List<LoadedExtension> found = new ArrayList<>(loader.classPath(problems::add));
            ExtensionLoader.Found inDirectory = loader.directory(next.directory(), problems::add);
            found.addAll(inDirectory.extensions());
            jars = Optional.of(inDirectory);
            Map<String, LoadedExtension> byName = new TreeMap<>();
            for (LoadedExtension e : found) {
                LoadedExtension earlier = byName.putIfAbsent(e.manifest().name(), e);
                if (earlier != null) {
                    problems.add("extension '" + e.manifest().name() + "' is provided twice (" + earlier.source()
                            + ", " + e.source() + "); the first is used");
                }
            }
            next.plugins().forEach((name, plugin) -> {
                if (!plugin.enabled()) {
                    return;
                }
                LoadedExtension e = byName.get(name);
                if (e == null) {
                    problems.add("extension '" + name + "' is enabled but neither the class path nor "
                            + next.directory() + " provides it");
                    return;
                }
                start(e, plugin, next.disableAfter(), problems).ifPresent(running::add);
            });
        }
        problems.forEach(p -> LOG.atWarn().log("Extensions: {}", p));
        ActiveExtensions previous = current;
        current = new ActiveExtensions(running, jars, problems, closer);
        settings = next;
        watching = next.any();
        fingerprint = print;
        previous.retire();
        if (!running.isEmpty() || !previous.isEmpty()) {
            LOG.atInfo().addKeyValue("extensions", String.join(",", running.stream().map(e -> e.name() + "@"
                    + e.manifest().version()).toList())).log("Extensions in effect");
        }
    }

    private Optional<RunningExtension> start(LoadedExtension e, ExtensionSettings.Plugin plugin, int disableAfter,
                                             List<String> problems) {
        ExtensionManifest manifest = e.manifest();
        try {
            manifest = plugin.order().map(manifest::withOrder).orElse(manifest);
            manifest = plugin.timeout().map(manifest::withTimeout).orElse(manifest);
            manifest = plugin.failureMode().map(manifest::withFailureMode).orElse(manifest);
        } catch (IllegalArgumentException bad) {
            problems.add(bad.getMessage());
            return Optional.empty();
        }
        ExtensionHooks hooks;
        try {
            hooks = e.extension().start(plugin.settings().deepCopy());
        } catch (RuntimeException | LinkageError failed) {
            problems.add("extension '" + manifest.name() + "' failed to start: " + failed);
            return Optional.empty();
        }
        if (hooks == null || !hooks.present().equals(manifest.hooks())) {
            problems.add("extension '" + manifest.name() + "' declares the hooks " + labels(manifest.hooks())
                    + " but provides " + (hooks == null ? "none" : labels(hooks.present())));
            return Optional.empty();
        }
        return Optional.of(new RunningExtension(e.extension(), manifest, hooks, e.source(), plugin.bodies(),
                disableAfter, events, clock));
    }

    private static List<String> labels(java.util.Set<Hook> hooks) {
        return hooks.stream().sorted().map(Hook::label).toList();
    }

    private static ExtensionStatus status(RunningExtension e) {
        ExtensionManifest m = e.manifest();
        ExtensionHealth h = e.health();
        return new ExtensionStatus(m.name(), m.version(), e.source(), labels(m.hooks()), m.order(),
                m.timeout().toMillis(), m.failureMode().label(), labels(m.blocking()), h.disabled(), h.calls(),
                h.failures(), h.timeouts(), h.consecutiveFailures());
    }

    /** What a rescan compares: see {@link PluginDirectory#fingerprint}. */
    private static String fingerprint(Path directory) {
        return PluginDirectory.fingerprint(directory);
    }
}
