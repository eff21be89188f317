package dev.junction.extension;

import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.function.Consumer;

/**
 * Finds extensions with {@link ServiceLoader}: on the gateway's own class path, and in the plugins of a directory
 * (see {@link PluginDirectory}: each jar, or each subdirectory of jars, in a class loader of its own, the gateway's
 * loader as parent, so the API types are shared).
 * What cannot be loaded (a broken jar, a provider that throws, a bad manifest) is reported to {@code problems} and
 * left out. Blocking (reads files): call off the event loops.
 */
public final class ExtensionLoader {

    private final ClassLoader parent;

    /** @param parent the loader that sees the extension API: the gateway's */
    public ExtensionLoader(ClassLoader parent) {
        this.parent = parent;
    }

    /** What one scan found, and the jars' class loaders, which the caller closes once it is done with them. */
    public record Found(List<LoadedExtension> extensions, List<URLClassLoader> loaders) {
        public Found {
            extensions = List.copyOf(extensions);
            loaders = List.copyOf(loaders);
        }

        /** Closes the jars' class loaders. */
        public void close() {
            PluginDirectory.close(loaders);
        }
    }

    /** The extensions on the class path. */
    public List<LoadedExtension> classPath(Consumer<String> problems) {
        List<LoadedExtension> out = new ArrayList<>();
        load(ServiceLoader.load(JunctionExtension.class, parent), "classpath", null, out, problems);
        return out;
    }

    /**
     * The extensions of {@code directory}'s plugins (see {@link PluginDirectory}: each jar, and each subdirectory of
     * jars, in a class loader of its own), in file-name order; nothing when it does not exist.
     */
    public Found directory(Path directory, Consumer<String> problems) {
        List<LoadedExtension> out = new ArrayList<>();
        List<URLClassLoader> loaders = new ArrayList<>();
        for (PluginDirectory.Plugin plugin : PluginDirectory.open(directory, parent, problems)) {
            loaders.add(plugin.loader());
            load(ServiceLoader.load(JunctionExtension.class, plugin.loader()), plugin.source(), plugin.loader(), out,
                    problems);
        }
        return new Found(out, loaders);
    }

    /** Loads the providers; with {@code own} set, only those defined by that loader (not the parent's). */
    private static void load(ServiceLoader<JunctionExtension> services, String source, ClassLoader own,
                             List<LoadedExtension> out, Consumer<String> problems) {
        var providers = services.stream().iterator();
        while (true) {
            try {
                if (!providers.hasNext()) {
                    return;
                }
                ServiceLoader.Provider<JunctionExtension> provider = providers.next();
                if (own != null && provider.type().getClassLoader() != own) {
                    continue; // the gateway's own class path, seen through the parent
                }
                JunctionExtension extension = provider.get();
                out.add(new LoadedExtension(extension, extension.manifest(), source));
            } catch (ServiceConfigurationError | RuntimeException | LinkageError e) {
                problems.accept(source + ": cannot load an extension: " + e.getMessage());
            }
        }
    }
}
