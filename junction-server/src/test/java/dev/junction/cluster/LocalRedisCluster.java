package dev.junction.cluster;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.cluster.api.sync.RedisAdvancedClusterCommands;
import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A three-node Redis Cluster (no replicas) on free loopback ports, started from the machine's {@code redis-server} the
 * first time a test asks for it and stopped when the test JVM exits. Tests that need it are skipped, saying why, when
 * {@code redis-server} is not installed. Blocking: for test threads only.
 */
public final class LocalRedisCluster {

    private static final int NODES = 3;
    private static LocalRedisCluster shared;

    private final List<Integer> ports;
    private final RedisClusterClient client;
    private final StatefulRedisClusterConnection<String, String> connection;

    private LocalRedisCluster(List<Integer> ports) {
        this.ports = List.copyOf(ports);
        this.client = RedisClusterClient.create(ports.stream().map(p -> RedisURI.create("127.0.0.1", p)).toList());
        this.connection = client.connect();
    }

    /** The cluster of this test JVM, started on first use; skips the calling test when there is no redis-server. */
    public static synchronized LocalRedisCluster shared() {
        Optional<Path> server = executable("redis-server");
        Optional<Path> cli = executable("redis-cli");
        assumeTrue(server.isPresent() && cli.isPresent(), "redis-server (and redis-cli) not found on the PATH: the "
                + "Redis Cluster tests start a three-node cluster from them (Debian: apt-get install redis-server)");
        if (shared == null) {
            shared = start(server.get(), cli.get());
        }
        return shared;
    }

    /** The URL the gateway takes for this cluster: {@code redis-cluster://127.0.0.1:p1,127.0.0.1:p2,…}. */
    public String url() {
        return "redis-cluster://" + ports.stream().map(p -> "127.0.0.1:" + p).collect(Collectors.joining(","));
    }

    /** Synchronous commands on the whole cluster, to look at keys. */
    public RedisAdvancedClusterCommands<String, String> commands() {
        return connection.sync();
    }

    /** Deletes every key starting with {@code prefix}, on every node. */
    public void deleteAll(String prefix) {
        RedisAdvancedClusterCommands<String, String> redis = connection.sync();
        ScanArgs match = ScanArgs.Builder.matches(prefix + "*").limit(500);
        ScanCursor cursor = ScanCursor.INITIAL;
        do {
            KeyScanCursor<String> page = redis.scan(cursor, match);
            if (!page.getKeys().isEmpty()) {
                redis.unlink(page.getKeys().toArray(String[]::new));
            }
            cursor = page;
        } while (!cursor.isFinished());
    }

    private static LocalRedisCluster start(Path server, Path cli) {
        try {
            Path dir = Files.createTempDirectory("junction-redis-cluster-");
            List<Integer> ports = freePorts();
            List<Process> nodes = new ArrayList<>();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(nodes, dir), "redis-cluster-stop"));
            for (int port : ports) {
                nodes.add(new ProcessBuilder(server.toString(), "--port", Integer.toString(port),
                        "--bind", "127.0.0.1", "--cluster-enabled", "yes",
                        "--cluster-config-file", dir.resolve("nodes-" + port + ".conf").toString(),
                        "--cluster-node-timeout", "5000", "--dir", dir.toString(), "--save", "",
                        "--appendonly", "no", "--logfile", dir.resolve(port + ".log").toString())
                        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start());
            }
            for (int port : ports) {
                awaitReply(cli, port, List.of("ping"), "PONG");
            }
            List<String> create = new ArrayList<>(List.of(cli.toString(), "--cluster", "create"));
            ports.forEach(p -> create.add("127.0.0.1:" + p));
            create.addAll(List.of("--cluster-replicas", "0", "--cluster-yes"));
            run(create);
            for (int port : ports) {
                awaitReply(cli, port, List.of("cluster", "info"), "cluster_state:ok");
            }
            return new LocalRedisCluster(ports);
        } catch (IOException e) {
            throw new IllegalStateException("could not start the local Redis Cluster: " + e, e);
        }
    }

    /** Three ports that are free, and so are their cluster bus ports (port + 10000). */
    private static List<Integer> freePorts() throws IOException {
        List<Integer> ports = new ArrayList<>();
        while (ports.size() < NODES) {
            int port = ThreadLocalRandom.current().nextInt(20_000, 30_000);
            if (!ports.contains(port) && free(port) && free(port + 10_000)) {
                ports.add(port);
            }
        }
        return ports;
    }

    private static boolean free(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return socket.isBound();
        } catch (IOException taken) {
            return false;
        }
    }

    /** Asks a node until it answers with {@code expected} in its reply; gives up after half a minute. */
    private static void awaitReply(Path cli, int port, List<String> command, String expected) throws IOException {
        List<String> full = new ArrayList<>(List.of(cli.toString(), "-h", "127.0.0.1", "-p", Integer.toString(port)));
        full.addAll(command);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        String last = "";
        while (System.nanoTime() < deadline) {
            last = run(full);
            if (last.contains(expected)) {
                return;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        throw new IllegalStateException("Redis node " + port + " never answered " + expected + " to " + command
                + "; last answer: " + last);
    }

    private static String run(List<String> command) throws IOException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            process.waitFor(30, TimeUnit.SECONDS);
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            return "";
        }
    }

    private static void stop(List<Process> nodes, Path dir) {
        nodes.forEach(Process::destroy);
        for (Process node : nodes) {
            try {
                if (!node.waitFor(10, TimeUnit.SECONDS)) {
                    node.destroyForcibly();
                }
            } catch (InterruptedException e) {
                node.destroyForcibly();
            }
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
        } catch (IOException e) {
            // a leftover temporary directory is harmless
        }
    }

    private static Optional<Path> executable(String name) {
        String path = Optional.ofNullable(System.getenv("PATH")).orElse("") + File.pathSeparator + "/usr/bin"
                + File.pathSeparator + "/usr/sbin" + File.pathSeparator + "/usr/local/bin";
        return Stream.of(path.split(File.pathSeparator)).filter(d -> !d.isBlank()).map(d -> Path.of(d, name))
                .filter(Files::isExecutable).findFirst();
    }
}
