package dev.junction.cluster;

import dev.junction.replica.ReplicaChannel;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Replica messages over Redis pub/sub, on one channel per store ({@code junction:governance:<store id>}), so that
 * gateways of other stores sharing the Redis never hear them. One connection subscribes and one publishes; while
 * Redis is away, publishing fails at once (messages are dropped, not queued) and Lettuce reconnects and subscribes
 * again by itself. A first connection that fails is tried again every two seconds. Thread safe; the listener runs on
 * a Lettuce I/O thread.
 */
public final class RedisReplicaChannel implements ReplicaChannel {

    private static final Logger LOG = LoggerFactory.getLogger(RedisReplicaChannel.class);
    private static final Duration RETRY = Duration.ofSeconds(2);

    private final RedisClient client;
    private final String channel;
    private final Consumer<String> listener;
    private final ScheduledExecutorService retries;
    private volatile StatefulRedisPubSubConnection<String, String> subscriber;
    private volatile StatefulRedisConnection<String, String> publisher;
    private volatile boolean closed;

    private RedisReplicaChannel(String url, String channel, Consumer<String> listener) {
        this.client = RedisClient.create(RedisURI.create(url));
        client.setOptions(ClientOptions.builder().autoReconnect(true)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .timeoutOptions(TimeoutOptions.enabled(Duration.ofSeconds(2)))
                .socketOptions(SocketOptions.builder().connectTimeout(Duration.ofSeconds(2)).build()).build());
        this.channel = channel;
        this.listener = listener;
        this.retries = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform()
                .name("junction-redis-replicas").daemon(true).factory());
    }

    /**
     * Connects and subscribes, blocking up to a few seconds; when Redis cannot be reached now, keeps trying in the
     * background. Empty only for a malformed URL.
     *
     * @param storeId the store the replicas share; names the channel
     */
    public static Optional<ReplicaChannel> open(String url, String storeId, Consumer<String> listener) {
        RedisReplicaChannel ch;
        try {
            ch = new RedisReplicaChannel(url, "junction:governance:" + storeId, listener);
        } catch (IllegalArgumentException e) {
            LOG.warn("The Redis URL is not usable for replica messages: {}", e.getMessage());
            return Optional.empty();
        }
        ch.connect();
        return Optional.of(ch);
    }

    private void connect() {
        if (closed) {
            return;
        }
        try {
            StatefulRedisPubSubConnection<String, String> sub = client.connectPubSub();
            sub.addListener(new RedisPubSubAdapter<>() {
                @Override
                public void message(String from, String message) {
                    listener.accept(message);
                }
            });
            sub.sync().subscribe(channel);
            publisher = client.connect();
            subscriber = sub;
        } catch (RuntimeException e) {
            LOG.atDebug().addKeyValue("error", e.toString()).log("Redis is not reachable for replica messages yet");
            retries.schedule(this::connect, RETRY.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    @Override
    public String name() {
        return "redis";
    }

    @Override
    public void publish(String message) {
        StatefulRedisConnection<String, String> p = publisher;
        if (p == null || !p.isOpen()) {
            return;
        }
        try {
            p.async().publish(channel, message).exceptionally(e -> 0L);
        } catch (RuntimeException e) {
            LOG.atDebug().addKeyValue("error", e.toString()).log("Could not publish a replica message");
        }
    }

    @Override
    public boolean connected() {
        StatefulRedisPubSubConnection<String, String> s = subscriber;
        StatefulRedisConnection<String, String> p = publisher;
        return s != null && s.isOpen() && p != null && p.isOpen();
    }

    /** Sends what is being sent (a goodbye), waiting up to half a second, then closes. */
    @Override
    public void close() {
        closed = true;
        retries.shutdownNow();
        StatefulRedisConnection<String, String> p = publisher;
        if (p != null && p.isOpen()) {
            try {
                p.async().ping().toCompletableFuture().completeOnTimeout("", 500, TimeUnit.MILLISECONDS).join();
            } catch (RuntimeException e) {
                // closing anyway
            }
        }
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    }
}
