package dev.junction.dist;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The release archive unpacked into a directory, and the gateway started from it the way a machine without a JDK
 * would: a clean environment (no {@code JAVA_HOME}), and a {@code PATH} holding only the few tools the launcher
 * calls, none of them a JDK's. With {@link #readOnlyRoot}, the process runs in a mount namespace of its own whose
 * root file system is read-only except for the data directory and {@code TMPDIR} (as in a container with
 * {@code --read-only}); that needs root and {@code unshare}. Not thread-safe: one test uses one instance.
 */
final class UnpackedRelease {

    /** The commands bin/junction and the namespace set-up call; a JDK's java is not among them. */
    private static final List<String> TOOLS = List.of("bash", "dirname", "readlink", "cat", "mount", "unshare");

    final Path home;
    final Path data;
    final Path tmp;
    private final Path tools;

    private UnpackedRelease(Path home, Path data, Path tmp, Path tools) {
        this.home = home;
        this.data = data;
        this.tmp = tmp;
        this.tools = tools;
    }

    /** Unpacks the archive the build made (system property {@code junction.release.archive}) under {@code dir}. */
    static UnpackedRelease unpack(Path dir) throws IOException, InterruptedException {
        Path archive = Path.of(System.getProperty("junction.release.archive"));
        run(List.of("tar", "-xzf", archive.toString(), "-C", dir.toString()), dir);
        Path home = dir.resolve(System.getProperty("junction.release.name"));
        Path tools = Files.createDirectories(dir.resolve("tools"));
        for (String tool : TOOLS) {
            for (String bin : List.of("/usr/bin/", "/bin/", "/usr/sbin/", "/sbin/")) {
                Path found = Path.of(bin + tool);
                if (Files.isExecutable(found) && !Files.exists(tools.resolve(tool))) {
                    Files.createSymbolicLink(tools.resolve(tool), found);
                }
            }
        }
        return new UnpackedRelease(home, Files.createDirectories(dir.resolve("data")),
                Files.createDirectories(dir.resolve("tmp")), tools);
    }

    /** Whether this machine can run the gateway under a read-only root ({@code unshare}, as root). */
    static boolean canMakeRootReadOnly() {
        return "root".equals(System.getProperty("user.name")) && Files.isExecutable(Path.of("/usr/bin/unshare"));
    }

    /** The environment the gateway gets: nothing of the test's own, no JDK anywhere on it. */
    Map<String, String> environment() {
        return Map.of("PATH", tools.toString(), "HOME", data.toString(), "TMPDIR", tmp.toString(),
                "JUNCTION_DATA_DIR", data.toString());
    }

    /** Starts {@code bin/junction ARGS} with {@link #environment()} plus {@code extra}; output goes to a file. */
    Process start(List<String> args, Map<String, String> extra, boolean readOnlyRoot) throws IOException {
        List<String> command = new ArrayList<>();
        if (readOnlyRoot) {
            // Binds of the two writable directories onto themselves survive the read-only remount of the root.
            command.addAll(List.of("/usr/bin/unshare", "--mount", "bash", "-c",
                    "mount --make-rprivate / && mount --bind \"$1\" \"$1\" && mount --bind \"$2\" \"$2\""
                            + " && mount -o remount,bind,ro / && shift 2 && exec \"$@\"",
                    "junction-ro", data.toString(), tmp.toString()));
        }
        command.add(home.resolve("bin/junction").toString());
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).directory(data.toFile())
                .redirectErrorStream(true).redirectOutput(data.getParent().resolve("gateway.log").toFile());
        builder.environment().clear();
        builder.environment().putAll(environment());
        builder.environment().putAll(extra);
        return builder.start();
    }

    /** What the gateway printed so far, for failure messages. */
    String log() throws IOException {
        Path log = data.getParent().resolve("gateway.log");
        return Files.exists(log) ? Files.readString(log) : "";
    }

    /** Waits for {@code GET url} to answer 200 while the process lives; fails with its output when it never does. */
    void awaitOk(HttpClient http, String url, Process process) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new AssertionError("the gateway exited with " + process.exitValue() + ":\n" + log());
            }
            try {
                if (http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        throw new AssertionError(url + " never answered 200:\n" + log());
    }

    /** Sends SIGTERM and waits for the exit status. */
    static int stop(Process process) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(2, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("the gateway did not stop within two minutes of SIGTERM");
        }
        return process.exitValue();
    }

    /** Runs a command to completion, returning its output; fails on a non-zero status. */
    static String run(List<String> command, Path dir) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (process.waitFor() != 0) {
            throw new AssertionError(String.join(" ", command) + " failed:\n" + output);
        }
        return output;
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
