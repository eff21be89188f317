package dev.junction.cluster;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.codec.StringCodec;
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
 * <p>Failure behaviour, on purpose: while the connection is down, calls fail at once (Lettuce rejects commands
 * instead of queueing them for later, so a command the caller has given up on is not run minutes afterwards); a
 * failed first connection is tried again at most once a second, on demand; a dropped connection is re-established by
 * Lettuce. Stages complete on a Lettuce I/O thread or the JDK's timer thread, never on the caller's.
 */
public final class RedisScripts implements AutoCloseable {

    private static final long RETRY_CONNECT_NANOS = Duration.ofSeconds(1).toNanos();

    private final RedisClient client;
    private final RedisURI uri;
    private final AtomicReference<CompletableFuture<StatefulRedisConnection<String, String>>> connection =
            new AtomicReference<>();
    private volatile long failedAtNanos;

    private RedisScripts(RedisURI uri) {
        this.uri = uri;
        this.client = RedisClient.create();
        // Callers give up after their own, shorter timeouts; these bound what Lettuce keeps pending for a Redis that
        // hangs or a host that drops packets.
        client.setOptions(ClientOptions.builder().autoReconnect(true)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .timeoutOptions(TimeoutOptions.enabled(Duration.ofSeconds(2)))
                .socketOptions(SocketOptions.builder().connectTimeout(Duration.ofSeconds(2)).build()).build());
    }

    /**
     * Starts connecting to the Redis at {@code url} (such as {@code redis://127.0.0.1:6379}) and returns at once.
     *
     * @throws IllegalArgumentException when the URL is malformed
     */
    public static RedisScripts connect(String url) {
        RedisScripts scripts = new RedisScripts(RedisURI.create(url));
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
        return connection().thenCompose(c -> evaluate(c.async(), script, k, a))
                .orTimeout(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    private static CompletionStage<List<Object>> evaluate(RedisAsyncCommands<String, String> redis, LuaScript script,
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
    private CompletableFuture<StatefulRedisConnection<String, String>> connection() {
        CompletableFuture<StatefulRedisConnection<String, String>> current = connection.get();
        boolean retry = current == null
                || current.isCompletedExceptionally() && System.nanoTime() - failedAtNanos >= RETRY_CONNECT_NANOS;
        if (!retry) {
            return current;
        }
        CompletableFuture<StatefulRedisConnection<String, String>> attempt = new CompletableFuture<>();
        if (!connection.compareAndSet(current, attempt)) {
            return connection.get();
        }
        try {
            client.connectAsync(StringCodec.UTF8, uri).whenComplete((opened, error) -> {
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

    private static Throwable unwrap(Throwable error) {
        return error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    }

    /** Closes the connection and the client's threads. Blocks briefly: call it at shutdown. */
    @Override
    public void close() {
        client.shutdown();
    }
}
