package dev.junction.it;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * Builds a plugin jar in a test: compiles the given sources with the JDK's compiler against the test's class path
 * (which holds the extension API), and packs the classes with a {@code META-INF/services} entry naming the provider.
 * Test helper.
 */
final class PluginJar {

    private PluginJar() {
    }

    /**
     * Builds {@code target} (replacing it atomically, as an operator's deployment would) from {@code sources}, by
     * fully qualified class name; {@code provider} names the {@code JunctionExtension} implementation.
     */
    static Path build(Path target, String provider, Map<String, String> sources) {
        return build(target, "dev.junction.extension.JunctionExtension", provider, sources);
    }

    /** As {@link #build(Path, String, Map)}, for a provider of the service interface {@code service}. */
    static Path build(Path target, String service, String provider, Map<String, String> sources) {
        try {
            Path work = Files.createTempDirectory("plugin-src-");
            Path src = work.resolve("src");
            Path classes = work.resolve("classes");
            Files.createDirectories(classes);
            List<String> files = new java.util.ArrayList<>();
            for (var source : sources.entrySet()) {
                Path file = src.resolve(source.getKey().replace('.', '/') + ".java");
                Files.createDirectories(file.getParent());
                Files.writeString(file, source.getValue());
                files.add(file.toString());
            }
            JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
            List<String> args = new java.util.ArrayList<>(List.of("-d", classes.toString(), "-classpath",
                    System.getProperty("java.class.path"), "-proc:none"));
            args.addAll(files);
            int status = javac.run(null, null, null, args.toArray(String[]::new));
            if (status != 0) {
                throw new AssertionError("the plugin did not compile");
            }
            Path jar = Files.createTempFile(target.getParent(), ".building-", ".tmp");
            try (OutputStream out = Files.newOutputStream(jar); JarOutputStream zip = new JarOutputStream(out);
                 Stream<Path> all = Files.walk(classes)) {
                for (Path cls : all.filter(Files::isRegularFile).sorted().toList()) {
                    zip.putNextEntry(new JarEntry(classes.relativize(cls).toString().replace('\\', '/')));
                    zip.write(Files.readAllBytes(cls));
                    zip.closeEntry();
                }
                zip.putNextEntry(new JarEntry("META-INF/services/" + service));
                zip.write((provider + "\n").getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
            return Files.move(jar, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
