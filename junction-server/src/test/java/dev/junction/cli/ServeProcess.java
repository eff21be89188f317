package dev.junction.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * {@code junction serve} in a JVM of its own, as a person starts it, with standard output captured (a pipe, so not a
 * terminal) and the environment reduced to a data directory: no provider keys from the machine running the tests.
 * Test helper.
 */
final class ServeProcess {

    private ServeProcess() {}

    /**
     * Runs {@code junction serve --port 0} with {@code args} in {@code workDir} until a line of standard output
     * matches {@code last}, stops it, and returns the lines printed until then.
     */
    static List<String> startUp(Path workDir, Predicate<String> last, String... args)
            throws IOException, InterruptedException {
        return startUp(workDir, Map.of(), last, args);
    }

    /** As {@link #startUp(Path, Predicate, String...)}, with {@code extraEnv} in the process's environment. */
    static List<String> startUp(Path workDir, Map<String, String> extraEnv, Predicate<String> last, String... args)
            throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "--enable-native-access=ALL-UNNAMED",
                "-cp", System.getProperty("java.class.path"), Main.class.getName(), "serve", "--port", "0"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile())
                .redirectError(ProcessBuilder.Redirect.DISCARD);
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(name -> !name.equals("PATH") && !name.equals("HOME"));
        env.put("JUNCTION_DATA_DIR", workDir.resolve("data").toString());
        env.putAll(extraEnv);
        Process process = builder.start();
        // A gateway that never prints the last line must not hang the build: the reader then sees the end of output.
        CompletableFuture.delayedExecutor(2, TimeUnit.MINUTES).execute(process::destroyForcibly);
        List<String> lines = new ArrayList<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                lines.add(line);
                if (last.test(line)) {
                    break;
                }
            }
        } finally {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
        return lines;
    }
}
