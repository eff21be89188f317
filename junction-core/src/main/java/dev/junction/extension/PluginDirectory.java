package dev.junction.extension;

import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The plugin directory ({@code ./extensions/}) as class loaders: each {@code *.jar} in a loader of its own, and each
 * subdirectory's jars together in one (a plugin that brings its own libraries, such as the ONNX detector with the
 * ONNX Runtime), every loader with the gateway's as parent so that the plugin APIs are shared. Both extensions and
 * guardrail detectors are found this way. Blocking (reads the directory): call off the event loops.
 */
public final class PluginDirectory {

    private PluginDirectory() {
    }

    /**
     * One class loader of the directory.
     *
     * @param source the jar's or the subdirectory's file name, as problems and the admin API name it
     */
    public record Plugin(String source, URLClassLoader loader) {
    }

    /**
     * One plugin of the directory, not yet loaded: a jar, or a subdirectory and its jars.
     *
     * @param source the jar's or the subdirectory's file name
     * @param fingerprint the jars' names, sizes and modification times: changes when one is added, removed or replaced
     */
    public record Entry(String source, Path path, List<Path> jars, String fingerprint) {
        public Entry {
            jars = List.copyOf(jars);
        }

        /** A new class loader over the jars, the gateway's loader {@code parent}. */
        public URLClassLoader loader(ClassLoader parent) throws MalformedURLException {
            URL[] urls = new URL[jars.size()];
            for (int i = 0; i < urls.length; i++) {
                urls[i] = jars.get(i).toUri().toURL();
            }
            return new URLClassLoader("extension:" + source, urls, parent);
        }
    }

    /**
     * The directory's plugins in file-name order (a subdirectory without jars is none); nothing when it does not
     * exist. What cannot be read is reported to {@code problems} and left out.
     */
    public static List<Entry> list(Path directory, Consumer<String> problems) {
        List<Entry> out = new ArrayList<>();
        if (!Files.isDirectory(directory)) {
            return out;
        }
        List<Path> entries;
        try {
            entries = entries(directory);
        } catch (IOException e) {
            problems.accept("cannot list the extensions directory " + directory + ": " + e.getMessage());
            return out;
        }
        for (Path entry : entries) {
            try {
                List<Path> jars = Files.isDirectory(entry) ? jars(entry) : List.of(entry);
                if (jars.isEmpty()) {
                    continue;
                }
                StringBuilder print = new StringBuilder();
                for (Path jar : jars) {
                    print.append(directory.relativize(jar)).append(':').append(Files.size(jar)).append(':')
                            .append(Files.getLastModifiedTime(jar).toMillis()).append('\n');
                }
                out.add(new Entry(entry.getFileName().toString(), entry, jars, print.toString()));
            } catch (IOException e) {
                problems.accept(entry.getFileName() + ": " + e.getMessage());
            }
        }
        return out;
    }

    /**
     * The directory's loaders in file-name order; none when it does not exist. What cannot be opened is reported to
     * {@code problems} and left out. The caller closes the loaders once nothing uses their classes.
     */
    public static List<Plugin> open(Path directory, ClassLoader parent, Consumer<String> problems) {
        List<Plugin> out = new ArrayList<>();
        for (Entry entry : list(directory, problems)) {
            try {
                out.add(new Plugin(entry.source(), entry.loader(parent)));
            } catch (MalformedURLException e) {
                problems.accept(entry.source() + ": " + e.getMessage());
            }
        }
        return out;
    }

    /**
     * The names, sizes and modification times of the directory's jars (those of its subdirectories included): what a
     * rescan compares to tell that a plugin was added, removed or replaced. {@code none} when there is no directory.
     */
    public static String fingerprint(Path directory) {
        if (!Files.isDirectory(directory)) {
            return "none";
        }
        List<String> problems = new ArrayList<>();
        StringBuilder out = new StringBuilder();
        for (Entry entry : list(directory, problems::add)) {
            out.append(entry.fingerprint());
        }
        return problems.isEmpty() ? out.toString() : "unreadable:" + out;
    }

    /** The directory's jars and subdirectories, sorted by name. */
    private static List<Path> entries(Path directory) throws IOException {
        List<Path> entries = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(directory,
                p -> Files.isDirectory(p) || p.getFileName().toString().endsWith(".jar"))) {
            stream.forEach(entries::add);
        }
        entries.sort(null);
        return entries;
    }

    private static List<Path> jars(Path directory) throws IOException {
        List<Path> jars = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(directory, "*.jar")) {
            stream.forEach(jars::add);
        }
        jars.sort(null);
        return jars;
    }

    /** Closes loaders, ignoring what cannot be closed (the jar then stays open until the process ends). */
    public static void close(List<URLClassLoader> loaders) {
        for (URLClassLoader loader : loaders) {
            try {
                loader.close();
            } catch (IOException e) {
                // nothing else depends on it
            }
        }
    }
}
