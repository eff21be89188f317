package dev.junction.it;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A PostgreSQL server of the test's own, from Debian's binaries ({@code /usr/lib/postgresql/15/bin}): a cluster made
 * with {@code initdb} in a directory of its own, on a free port, that the test may stop and start without disturbing
 * the shared server the other tests use. PostgreSQL refuses to run as root, so as root it runs as the
 * {@code postgres} user ({@code runuser}). Test helper; {@link #close} stops it.
 */
final class OwnPostgres implements AutoCloseable {

    static final Path BIN = Path.of("/usr/lib/postgresql/15/bin");

    private final Path dir;
    private final int port;

    private OwnPostgres(Path dir, int port) {
        this.dir = dir;
        this.port = port;
    }

    /** Whether the binaries are installed. */
    static boolean installed() {
        return Files.isExecutable(BIN.resolve("initdb")) && Files.isExecutable(BIN.resolve("pg_ctl"));
    }

    /** Makes a cluster in a new directory and starts it. */
    static OwnPostgres start() throws Exception {
        Path dir = Files.createTempDirectory("junction-pg-");
        if (root()) {
            run(List.of("chown", "postgres", dir.toString()));
        }
        OwnPostgres pg = new OwnPostgres(dir, ChildGateway.freePort());
        pg.pg(List.of(BIN.resolve("initdb").toString(), "-D", dir.resolve("data").toString(), "-A", "trust",
                "-U", "postgres", "--no-sync"));
        pg.startServer();
        return pg;
    }

    /** The JDBC URL of its {@code postgres} database. */
    String url() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
    }

    /** Starts the server and waits until it accepts connections. */
    void startServer() throws Exception {
        pg(List.of(BIN.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(), "-w", "-l",
                dir.resolve("server.log").toString(), "-o", "-p " + port + " -k " + dir
                        + " -c listen_addresses=127.0.0.1 -c fsync=off", "start"));
    }

    /** Stops the server at once (open connections are cut), as an outage does. */
    void stopServer() throws Exception {
        pg(List.of(BIN.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(), "-w", "-m", "immediate",
                "stop"));
    }

    @Override
    public void close() throws Exception {
        try {
            stopServer();
        } catch (AssertionError | Exception ignored) {
            // already stopped
        }
        run(List.of("rm", "-rf", dir.toString()));
    }

    private void pg(List<String> command) throws Exception {
        List<String> full = new ArrayList<>();
        if (root()) {
            full.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        full.addAll(command);
        run(full);
    }

    private static boolean root() {
        return "root".equals(System.getProperty("user.name"));
    }

    private static void run(List<String> command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new AssertionError(String.join(" ", command) + " failed: " + out);
        }
    }

    Path dir() {
        return dir;
    }
}
