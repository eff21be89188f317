package dev.junction.cluster;

import dev.junction.json.Json;
import dev.junction.routing.health.HealthEvent;
import dev.junction.routing.health.HealthRegistry;
import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.BaseRedisAsyncCommands;
import io.lettuce.core.api.async.RedisHashAsyncCommands;
import io.lettuce.core.cluster.ClusterClientOptions;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * Shares deployment health between replicas through Redis pub/sub: when this replica sees a circuit open or close, or
 * a cool-down start, it publishes the change; every other replica applies it to its own {@link HealthRegistry}. So a
 * deployment one replica found sick is spared by all, and one replica's successful probe brings it back everywhere.
 * Messages are small JSON objects on one channel; a replica ignores its own. Redis being down never affects requests:
 * publishing is fire-and-forget, and Lettuce reconnects on its own (changes made meanwhile stay local). On a Redis
 * Cluster the channel is cluster-wide (a message published on one node reaches subscribers on every node) and the
 * state hash is one key.
 */
public final class RedisHealthSync implements AutoCloseable {

    /** The channel the replicas share. */
    public static final String CHANNEL = "junction:health";

    /**
     * A hash of the changes still in force (deployment id → message with an absolute end), so that a replica that
     * starts in the middle of an incident learns what the others already know.
     */
    public static final String STATE = "junction:health:state";

    private static final Logger LOG = LoggerFactory.getLogger(RedisHealthSync.class);

    /** Publishing and the state hash, on a connection to one server or to a cluster. */
    private record Publisher(StatefulConnection<String, String> connection,
                             BaseRedisAsyncCommands<String, String> channels,
                             RedisHashAsyncCommands<String, String> hashes) {
        static Publisher of(StatefulRedisConnection<String, String> c) {
            return new Publisher(c, c.async(), c.async());
        }

        static Publisher of(StatefulRedisClusterConnection<String, String> c) {
            return new Publisher(c, c.async(), c.async());
        }
    }

    private final String origin = UUID.randomUUID().toString();
    private final AbstractRedisClient client;
    private final Publisher publisher;
    private final StatefulRedisPubSubConnection<String, String> subscriber;

    private RedisHealthSync(AbstractRedisClient client, Publisher publisher,
                            StatefulRedisPubSubConnection<String, String> subscriber) {
        this.client = client;
        this.publisher = publisher;
        this.subscriber = subscriber;
    }

    /**
     * Connects to Redis and starts sharing {@code health}. Blocks while connecting (call it at start-up, not on an
     * event loop). Returns empty, after logging why, when Redis cannot be reached: the gateway then runs with
     * per-process health.
     */
    public static Optional<RedisHealthSync> start(String url, HealthRegistry health) {
        RedisEndpoint endpoint = RedisEndpoint.parse(url);
        AbstractRedisClient client = switch (endpoint) {
            case RedisEndpoint.Single single -> RedisClient.create(single.uri());
            case RedisEndpoint.Cluster cluster -> {
                // Lettuce's default behaviour otherwise (as on one server): commands wait for a connection to open.
                RedisClusterClient c = RedisClusterClient.create(cluster.seeds());
                c.setOptions(ClusterClientOptions.builder().topologyRefreshOptions(cluster.options()
                        .getTopologyRefreshOptions()).build());
                yield c;
            }
        };
        try {
            RedisHealthSync sync = switch (client) {
                case RedisClient c -> new RedisHealthSync(c, Publisher.of(c.connect()), c.connectPubSub());
                case RedisClusterClient c -> new RedisHealthSync(c, Publisher.of(c.connect()), c.connectPubSub());
                default -> throw new AssertionError("a client of neither kind: " + client);
            };
            StatefulRedisPubSubConnection<String, String> subscriber = sync.subscriber;
            subscriber.addListener(new RedisPubSubAdapter<>() {
                @Override
                public void message(String channel, String message) {
                    sync.received(message, health);
                }
            });
            subscriber.sync().subscribe(CHANNEL);
            sync.catchUp(health);
            health.addListener(sync::publish);
            LOG.info("Sharing deployment health with other replicas through Redis");
            return Optional.of(sync);
        } catch (RuntimeException e) {
            LOG.atWarn().addKeyValue("error", e.getClass().getSimpleName())
                    .log("Could not connect to Redis; deployment health stays per process");
            client.shutdown();
            return Optional.empty();
        }
    }

    private void publish(HealthEvent event) {
        long until = System.currentTimeMillis() + event.lasting().toMillis();
        String message = Json.write(Json.object().put("origin", origin).put("deployment", event.deployment())
                .put("state", event.state()).put("lasting_ms", event.lasting().toMillis()).put("until_ms", until));
        publisher.channels().publish(CHANNEL, message).exceptionally(e -> {
            LOG.atDebug().addKeyValue("error", e.toString()).log("Could not publish a health change");
            return 0L;
        });
        var state = event.state().equals(HealthEvent.CLOSED)
                ? publisher.hashes().hdel(STATE, event.deployment())
                : publisher.hashes().hset(STATE, event.deployment(), message).thenApply(b -> 1L);
        state.exceptionally(e -> 0L);
    }

    /** Applies the changes other replicas made before this one started, and are still in force. */
    private void catchUp(HealthRegistry health) {
        long now = System.currentTimeMillis();
        Map<String, String> state;
        try {
            state = publisher.hashes().hgetall(STATE).get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("could not read " + STATE + ": " + e, e);
        }
        state.forEach((deployment, message) -> {
            Optional<JsonNode> m = Json.tryParse(message);
            long until = m.map(n -> n.path("until_ms").asLong(0)).orElse(0L);
            if (until <= now) {
                publisher.hashes().hdel(STATE, deployment); // over: tidy up
                return;
            }
            health.apply(new HealthEvent(deployment, m.get().path("state").asString(""),
                    Duration.ofMillis(until - now)));
        });
    }

    private void received(String message, HealthRegistry health) {
        Optional<JsonNode> parsed = Json.tryParse(message);
        if (parsed.isEmpty() || origin.equals(parsed.get().path("origin").asString(""))) {
            return;
        }
        JsonNode m = parsed.get();
        String deployment = m.path("deployment").asString("");
        String state = m.path("state").asString("");
        if (deployment.isEmpty() || state.isEmpty()) {
            return;
        }
        health.apply(new HealthEvent(deployment, state, Duration.ofMillis(Math.max(0, m.path("lasting_ms")
                .asLong(0)))));
    }

    @Override
    public void close() {
        subscriber.close();
        publisher.connection().close();
        client.shutdown();
    }
}
