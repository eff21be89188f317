package dev.junction.cluster;

import dev.junction.json.Json;
import dev.junction.routing.health.HealthEvent;
import dev.junction.routing.health.HealthRegistry;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * Shares deployment health between replicas through Redis pub/sub: when this replica sees a circuit open or close, or
 * a cool-down start, it publishes the change; every other replica applies it to its own {@link HealthRegistry}. So a
 * deployment one replica found sick is spared by all, and one replica's successful probe brings it back everywhere.
 * Messages are small JSON objects on one channel; a replica ignores its own. Redis being down never affects requests:
 * publishing is fire-and-forget, and Lettuce reconnects on its own (changes made meanwhile stay local).
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

    private final String origin = UUID.randomUUID().toString();
    private final RedisClient client;
    private final StatefulRedisConnection<String, String> publisher;
    private final StatefulRedisPubSubConnection<String, String> subscriber;

    private RedisHealthSync(RedisClient client, StatefulRedisConnection<String, String> publisher,
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
        RedisClient client = RedisClient.create(url);
        try {
            StatefulRedisConnection<String, String> publisher = client.connect();
            StatefulRedisPubSubConnection<String, String> subscriber = client.connectPubSub();
            RedisHealthSync sync = new RedisHealthSync(client, publisher, subscriber);
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
        publisher.async().publish(CHANNEL, message).exceptionally(e -> {
            LOG.atDebug().addKeyValue("error", e.toString()).log("Could not publish a health change");
            return 0L;
        });
        var state = event.state().equals(HealthEvent.CLOSED)
                ? publisher.async().hdel(STATE, event.deployment())
                : publisher.async().hset(STATE, event.deployment(), message).thenApply(b -> 1L);
        state.exceptionally(e -> 0L);
    }

    /** Applies the changes other replicas made before this one started, and are still in force. */
    private void catchUp(HealthRegistry health) {
        long now = System.currentTimeMillis();
        publisher.sync().hgetall(STATE).forEach((deployment, message) -> {
            Optional<JsonNode> m = Json.tryParse(message);
            long until = m.map(n -> n.path("until_ms").asLong(0)).orElse(0L);
            if (until <= now) {
                publisher.async().hdel(STATE, deployment); // over: tidy up
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
        publisher.close();
        client.shutdown();
    }
}
