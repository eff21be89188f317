package dev.junction.it;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * The npm clients of {@code src/test/clients} (Codex CLI, the OpenAI Agents SDK), installed with {@code npm ci} from
 * the checked-in lockfile into its git-ignored {@code node_modules} when the lockfile changed since the last install,
 * and run as subprocesses. Without Node.js, or when the install fails, a test fails in CI ({@code CI=true}) and is
 * skipped elsewhere, with a message saying why. Test helper; not thread safe.
 */
final class NodeClients {

    private static final Duration INSTALL_TIMEOUT = Duration.ofMinutes(5);
    private static final String STAMP = ".junction-lock-sha256";

    private final Path dir;
    private final String nodeVersion;

    private NodeClients(Path dir, String nodeVersion) {
        this.dir = dir;
        this.nodeVersion = nodeVersion;
    }

    /** The output of one finished run. */
    record Run(List<String> command, int exitCode, String stdout, String stderr) {

        /** The whole run, for a failure message. */
        String describe() {
            return "command: " + String.join(" ", command) + "\nexit code: " + exitCode + "\n--- stdout ---\n"
                    + stdout + "\n--- stderr ---\n" + stderr;
        }
    }

    /** The clients, installed if needed; skips (locally) or fails (in CI) when that is impossible. */
    static NodeClients installed() {
        Path dir = Path.of(System.getProperty("basedir", ".")).resolve("src/test/clients").toAbsolutePath();
        if (!Files.isDirectory(dir)) { // run from the repository's root (an IDE) rather than by Maven
            dir = Path.of("junction-server/src/test/clients").toAbsolutePath();
        }
        Run node = probe("node", "--version");
        Run npm = probe("npm", "--version");
        if (node.exitCode() != 0 || npm.exitCode() != 0) {
            unavailable("Node.js and npm are needed to run the real npm clients (Codex CLI, the OpenAI Agents SDK) "
                    + "and were not found on the PATH.\n" + node.describe() + "\n" + npm.describe());
        }
        NodeClients clients = new NodeClients(dir, node.stdout().strip());
        clients.installIfStale();
        return clients;
    }

    /** The installed Node.js version, for failure messages. */
    String nodeVersion() {
        return nodeVersion;
    }

    /** The clients' directory. */
    Path dir() {
        return dir;
    }

    /** A file of an installed package, e.g. {@code @openai/codex/bin/codex.js}. */
    Path module(String path) {
        return dir.resolve("node_modules").resolve(path);
    }

    /**
     * Runs {@code node} with {@code args} in {@code workDir}, with the environment of this process minus OpenAI and
     * Codex settings, plus {@code env}; stdin is closed. After {@code timeout} the process and its children are
     * killed and the run fails with what they printed.
     */
    Run node(List<String> args, Path workDir, Map<String, String> env, Duration timeout) {
        List<String> command = new ArrayList<>(List.of("node"));
        command.addAll(args);
        return run(command, workDir, env, timeout);
    }

    private void installIfStale() {
        String lock = sha256(dir.resolve("package-lock.json"));
        Path stamp = dir.resolve("node_modules").resolve(STAMP);
        try {
            if (Files.exists(stamp) && Files.readString(stamp).strip().equals(lock)) {
                return;
            }
            Run install = run(List.of("npm", "ci", "--no-audit", "--no-fund"), dir, Map.of(), INSTALL_TIMEOUT);
            if (install.exitCode() != 0) {
                unavailable("npm ci in " + dir + " failed (node " + nodeVersion + ").\n" + install.describe());
            }
            Files.writeString(stamp, lock + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Run probe(String... command) {
        try {
            return run(List.of(command), Path.of("."), Map.of(), Duration.ofSeconds(30));
        } catch (UncheckedIOException e) {
            return new Run(List.of(command), -1, "", String.valueOf(e.getCause()));
        }
    }

    private static Run run(List<String> command, Path workDir, Map<String, String> env, Duration timeout) {
        try {
            Path stdout = Files.createTempFile("junction-client-", ".out");
            Path stderr = Files.createTempFile("junction-client-", ".err");
            try {
                ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile())
                        .redirectOutput(stdout.toFile()).redirectError(stderr.toFile());
                Map<String, String> environment = builder.environment();
                environment.keySet().removeIf(name -> name.startsWith("OPENAI_") || name.startsWith("CODEX_"));
                environment.putAll(env);
                Process process = builder.start();
                process.getOutputStream().close();
                boolean finished = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
                if (!finished) {
                    process.descendants().forEach(ProcessHandle::destroyForcibly);
                    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
                Run result = new Run(command, finished ? process.exitValue() : -1, read(stdout), read(stderr));
                if (!finished) {
                    fail("killed after " + timeout.toSeconds() + " s without finishing\n" + result.describe());
                }
                return result;
            } finally {
                Files.deleteIfExists(stdout);
                Files.deleteIfExists(stderr);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + command, e);
        }
    }

    private static String read(Path file) throws IOException {
        return new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
    }

    private static void unavailable(String why) {
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            fail(why);
        }
        Assumptions.abort(why + "\n(skipped outside CI; CI=true makes this a failure)");
    }

    private static String sha256(Path file) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
