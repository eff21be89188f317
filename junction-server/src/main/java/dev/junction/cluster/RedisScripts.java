package dev.junction.cluster;

import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.async.RedisScriptingAsyncCommands;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.protocol.ConnectionIntent;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/**
 * Runs Lua scripts on one Redis connection without ever blocking the caller: the connection is opened in the
 * background, and every call answers within its timeout, with the script's result or an error. Thread safe; one
 * instance may serve several users (the rate limiter and the budget ledger), and its owner closes it.
 *
 * <p>On a Redis Cluster ({@link RedisEndpoint.Cluster}) each script runs on the node that holds its first key's slot;
 * every key of one call must be in that slot (the callers' keys share a hash tag, {@link RedisEndpoint#slotPrefix}).
 *
 * <p>Failure behaviour, on purpose: while the connection is down, calls fail at once (Lettuce rejects commands
 * instead of queueing them for later, so a command the caller has given up on is not run minutes afterwards); a
 * failed first connection is tried again at most once a second, on demand; a dropped connection is re-established by
 * Lettuce. Stages complete on a Lettuce I/O thread or the JDK's timer thread, never on the caller's.
 */
public final class RedisScripts implements AutoCloseable {

    private static final long RETRY_CONNECT_NANOS = Duration.ofSeconds(1).toNanos();

    /** The scripting commands of an open connection (a cluster connection routes them by key slot). */
    private interface Connection {
        RedisScriptingAsyncCommands<String, String> commands();
    }

    private final RedisEndpoint endpoint;
    private final AbstractRedisClient client;
    private final AtomicReference<CompletableFuture<Connection>> connection = new AtomicReference<>();
    private volatile long failedAtNanos;

    private RedisScripts(RedisEndpoint endpoint) {
        this.endpoint = endpoint;
        // Callers give up after their own, shorter timeouts; the options bound what Lettuce keeps pending for a Redis
        // that hangs or a host that drops packets.
        this.client = switch (endpoint) {
            case RedisEndpoint.Single single -> {
                RedisClient c = RedisClient.create();
                c.setOptions(single.options());
                yield c;
            }
            case RedisEndpoint.Cluster cluster -> {
                RedisClusterClient c = RedisClusterClient.create(cluster.seeds());
                c.setOptions(cluster.options());
                yield c;
            }
        };
    }

    /**
     * Starts connecting to the Redis at {@code url} (such as {@code redis://127.0.0.1:6379}, or
     * {@code redis-cluster://10.0.0.1:6379,10.0.0.2:6379} for a Redis Cluster; see {@link RedisEndpoint}) and returns
     * at once.
     *
     * @throws IllegalArgumentException when the URL is malformed
     */
    public static RedisScripts connect(String url) {
        RedisScripts scripts = new RedisScripts(RedisEndpoint.parse(url));
        scripts.connection();
        return scripts;
    }

    /**
     * Runs {@code script} with {@code keys} and {@code args} ({@code EVALSHA}, and {@code EVAL} when Redis does not
     * know the script yet) and answers its reply, an array of integers, strings and nested arrays, or fails: the
     * connection is down, Redis answered an error, or no answer came within {@code timeout}
     * ({@link java.util.concurrent.TimeoutException}). A script that timed out may still run later.
     */
    public CompletionStage<List<Object>> run(LuaScript script, List<String> keys, List<String> args,
                                             Duration timeout) {
        String[] k = keys.toArray(String[]::new);
        String[] a = args.toArray(String[]::new);
        return connection().thenCompose(c -> evaluate(c.commands(), script, k, a))
                .orTimeout(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    private static CompletionStage<List<Object>> evaluate(RedisScriptingAsyncCommands<String, String> redis,
                                                          LuaScript script,
                                                          String[] keys, String[] args) {
        return redis.<List<Object>>evalsha(script.sha1(), ScriptOutputType.MULTI, keys, args)
                .handle((reply, error) -> {
                    if (error == null) {
                        return CompletableFuture.completedStage(reply);
                    }
                    if (unwrap(error) instanceof RedisNoScriptException) {
                        return redis.<List<Object>>eval(script.source(), ScriptOutputType.MULTI, keys, args);
                    }
                    return CompletableFuture.<List<Object>>failedStage(error);
                })
                .thenCompose(Function.identity());
    }

    /** The connection, or a new attempt when the last one failed more than a second ago. */
    private CompletableFuture<Connection> connection() {
        CompletableFuture<Connection> current = connection.get();
        boolean retry = current == null
                || current.isCompletedExceptionally() && System.nanoTime() - failedAtNanos >= RETRY_CONNECT_NANOS;
        if (!retry) {
            return current;
        }
        CompletableFuture<Connection> attempt = new CompletableFuture<>();
        if (!connection.compareAndSet(current, attempt)) {
            return connection.get();
        }
        try {
            open().whenComplete((opened, error) -> {
                if (error != null) {
                    failedAtNanos = System.nanoTime();
                    attempt.completeExceptionally(error);
                } else {
                    attempt.complete(opened);
                }
            });
        } catch (RuntimeException e) {
            failedAtNanos = System.nanoTime();
            attempt.completeExceptionally(e);
        }
        return attempt;
    }

    private CompletionStage<Connection> open() {
        return switch (endpoint) {
            case RedisEndpoint.Single single -> ((RedisClient) client).connectAsync(StringCodec.UTF8, single.uri())
                    .thenApply(c -> c::async);
            case RedisEndpoint.Cluster cluster -> {
                RedisClusterClient c = (RedisClusterClient) client;
                // An asynchronous connect needs the topology first (the synchronous one loads it itself).
                yield c.refreshPartitionsAsync().thenCompose(loaded -> c.connectAsync(StringCodec.UTF8))
                        .thenCompose(RedisScripts::withNodesConnected).thenApply(opened -> opened::async);
            }
        };
    }

    /**
     * Completes once the connection reaches every node that serves slots. Node connections open on first use, and
     * since commands are rejected while disconnected, the first script for each node would fail otherwise.
     */
    private static CompletionStage<StatefulRedisClusterConnection<String, String>> withNodesConnected(
            StatefulRedisClusterConnection<String, String> opened) {
        CompletableFuture<?>[] nodes = opened.getPartitions().stream().filter(node -> !node.hasNoSlots())
                // By host and port, as commands routed by slot look them up (connections by node id are others).
                .map(node -> opened.getConnectionAsync(node.getUri().getHost(), node.getUri().getPort(),
                        ConnectionIntent.WRITE))
                .toArray(CompletableFuture<?>[]::new);
        return CompletableFuture.allOf(nodes).thenApply(connected -> opened);
    }

    private static Throwable unwrap(Throwable error) {
        return error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    }

    /** Closes the connection and the client's threads. Blocks briefly: call it at shutdown. */
    @Override
    public void close() {
        client.shutdown();
    }
}
