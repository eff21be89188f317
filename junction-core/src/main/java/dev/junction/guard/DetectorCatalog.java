package dev.junction.guard;

import dev.junction.extension.PluginDirectory;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The detectors policies can name, by name: every {@link DetectorProvider} on the gateway's class path (the built-in
 * {@code pii}, {@code secrets} and {@code injection} among them) and, when {@link #load} is given the extensions
 * directory, those of its plugins (each jar, or each subdirectory of jars, in a class loader of its own; see
 * {@link PluginDirectory}). The class path comes first: a directory provider that repeats a name is reported and left
 * out, as is one that cannot be loaded. Immutable once built.
 *
 * <p>Every configuration load builds a new catalog. A directory plugin whose jars are unchanged keeps its class loader
 * (see {@link #load}); a replaced one gets a new loader, so its new classes, and the old loader is left to the
 * garbage collector with the configurations that used it, so that requests still running on them keep working.
 */
public final class DetectorCatalog {

    private static final DetectorCatalog CLASS_PATH = new DetectorCatalog(Map.of(), Optional.empty(), "");

    private final Map<String, Entry> entries;
    private final Optional<Path> directory;
    private final String fingerprint;

    /**
     * One provider and where it came from.
     *
     * @param source {@code classpath}, or the jar's (the subdirectory's) file name in the extensions directory
     */
    public record Entry(DetectorProvider provider, String source) {
        /** Whether it came from the extensions directory. */
        public boolean fromDirectory() {
            return !source.equals("classpath");
        }
    }

    private DetectorCatalog(Map<String, Entry> extra, Optional<Path> directory, String fingerprint) {
        Map<String, Entry> all = new LinkedHashMap<>(classPathEntries());
        extra.forEach(all::putIfAbsent);
        this.entries = Collections.unmodifiableMap(all);
        this.directory = directory;
        this.fingerprint = fingerprint;
    }

    /** The providers of the gateway's class path only. */
    public static DetectorCatalog classPath() {
        return CLASS_PATH;
    }

    /**
     * The class path's providers and those of {@code directory}'s plugins; what cannot be loaded, or repeats a name,
     * is reported to {@code problems} and left out. Blocking (reads jars): call off the event loops.
     */
    public static DetectorCatalog load(Path directory, Consumer<String> problems) {
        String print = PluginDirectory.fingerprint(directory);
        Map<String, Entry> found = new LinkedHashMap<>();
        List<PluginDirectory.Entry> plugins = PluginDirectory.list(directory, problems);
        Path here = directory.toAbsolutePath().normalize();
        Set<Path> present = new java.util.HashSet<>();
        plugins.forEach(p -> present.add(p.path().toAbsolutePath().normalize()));
        LOADED.keySet().removeIf(path -> here.equals(path.getParent()) && !present.contains(path));
        for (PluginDirectory.Entry plugin : plugins) {
            Loaded loaded = LOADED.compute(plugin.path().toAbsolutePath().normalize(),
                    (path, earlier) -> earlier != null && earlier.fingerprint().equals(plugin.fingerprint())
                            ? earlier : Loaded.of(plugin));
            loaded.problems().forEach(problems);
            loaded.providers().forEach((name, entry) -> {
                Entry earlier = found.containsKey(name) ? found.get(name) : ClassPath.ENTRIES.get(name);
                if (earlier != null) {
                    problems.accept("two detector providers are named '" + name + "' (" + earlier.source() + ", "
                            + entry.source() + "); the first is used");
                } else {
                    found.put(name, entry);
                }
            });
        }
        return new DetectorCatalog(found, Optional.of(directory), print);
    }

    /**
     * The directory plugins loaded so far, by path: one whose jars are unchanged keeps its class loader and provider
     * instances across loads, so a configuration reload does not load its classes again (a plugin that binds a
     * native library, as the ONNX Runtime does, can bind it to one class loader only). A replaced plugin gets a new
     * loader; the old one is left to the garbage collector with the configurations that still use it.
     */
    private static final Map<Path, Loaded> LOADED = new java.util.concurrent.ConcurrentHashMap<>();

    /** One directory plugin's providers, as its jars were at {@code fingerprint}. */
    private record Loaded(String fingerprint, Map<String, Entry> providers, List<String> problems) {
        static Loaded of(PluginDirectory.Entry plugin) {
            List<String> problems = new ArrayList<>();
            Map<String, Entry> providers = new LinkedHashMap<>();
            URLClassLoader loader;
            try {
                loader = plugin.loader(DetectorCatalog.class.getClassLoader());
            } catch (java.net.MalformedURLException e) {
                problems.add(plugin.source() + ": " + e.getMessage());
                return new Loaded(plugin.fingerprint(), providers, problems);
            }
            load(ServiceLoader.load(DetectorProvider.class, loader), plugin.source(), loader, providers,
                    problems::add);
            if (providers.isEmpty()) {
                PluginDirectory.close(List.of(loader)); // an extension's jar, or a broken one: nothing kept here
            }
            return new Loaded(plugin.fingerprint(), Collections.unmodifiableMap(providers), List.copyOf(problems));
        }
    }

    /** Every name, class path first. */
    public Set<String> names() {
        return entries.keySet();
    }

    /** The provider named {@code name}. */
    public Optional<Entry> entry(String name) {
        return Optional.ofNullable(entries.get(name));
    }

    /** The directory {@link #load} read, empty for the class path's catalog. */
    public Optional<Path> directory() {
        return directory;
    }

    /** The directory's {@link PluginDirectory#fingerprint} when it was read; empty for the class path's catalog. */
    public String fingerprint() {
        return fingerprint;
    }

    private static Map<String, Entry> classPathEntries() {
        return ClassPath.ENTRIES;
    }

    /** The class path's providers, read once. */
    private static final class ClassPath {
        static final Map<String, Entry> ENTRIES = read();

        private static Map<String, Entry> read() {
            Map<String, Entry> found = new LinkedHashMap<>();
            load(ServiceLoader.load(DetectorProvider.class, DetectorCatalog.class.getClassLoader()), "classpath", null,
                    found, problem -> org.slf4j.LoggerFactory.getLogger(DetectorCatalog.class).warn("{}", problem));
            return Collections.unmodifiableMap(found);
        }
    }

    /** Adds the providers; with {@code own} set, only those its loader defines (not the class path's, seen through
     * the parent). */
    private static void load(ServiceLoader<DetectorProvider> services, String source, ClassLoader own,
                             Map<String, Entry> found, Consumer<String> problems) {
        var providers = services.stream().iterator();
        while (true) {
            try {
                if (!providers.hasNext()) {
                    return;
                }
                ServiceLoader.Provider<DetectorProvider> provider = providers.next();
                if (own != null && provider.type().getClassLoader() != own) {
                    continue;
                }
                DetectorProvider p = provider.get();
                Entry earlier = found.get(p.name());
                if (earlier != null) {
                    problems.accept("two detector providers are named '" + p.name() + "' (" + earlier.source() + ", "
                            + source + "); the first is used");
                    continue;
                }
                found.put(p.name(), new Entry(p, source));
            } catch (ServiceConfigurationError | RuntimeException | LinkageError e) {
                problems.accept(source + ": a detector provider could not be loaded: " + e);
            }
        }
    }
}
