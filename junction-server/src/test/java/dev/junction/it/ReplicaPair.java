package dev.junction.it;

import dev.junction.json.Json;
import dev.junction.store.TestDatabases;
import dev.junction.testkit.MockUpstream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import tools.jackson.databind.JsonNode;

/**
 * Two governed replicas, A and B, as an operator runs them: one store and one Redis shared, the same secret key, an
 * admin key and no gateway key, the {@link MeteredAnswers} route on a mock upstream. Redis may be reached through a
 * {@link TcpProxy} that the test cuts, so that the shared Redis the other tests use stays up. Test helper; close it
 * after use.
 */
final class ReplicaPair implements AutoCloseable {

    static final String YAML = AdminHttp.CONFIG + MeteredAnswers.ROUTE;

    private final MockUpstream upstream;
    private final TestDatabases.Fresh database;
    private final Optional<TcpProxy> redis;
    private final Map<String, String> env;
    private final Gateway a;
    private Gateway b;

    private ReplicaPair(Backend backend, boolean redisThroughProxy) {
        this.upstream = MockUpstream.start();
        this.database = backend.createDatabase();
        Map<String, String> environment = new HashMap<>(backend.environment(database));
        environment.put("OPENAI_BASE_URL", upstream.baseUrl());
        environment.put("OPENAI_API_KEY", "sk-upstream-secret-abcdef123456");
        if (redisThroughProxy) {
            try {
                this.redis = Optional.of(new TcpProxy(6379));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            environment.put("JUNCTION_REDIS_URL", "redis://127.0.0.1:" + redis.get().port());
        } else {
            this.redis = Optional.empty();
        }
        this.env = Map.copyOf(environment);
        upstream.setDefault(MeteredAnswers.hundredOutputTokens());
        this.a = Gateway.start(YAML, env);
        this.b = Gateway.start(YAML, env);
        awaitPeers(a, 1);
        awaitPeers(b, 1);
    }

    /** Two replicas on this backend, Redis (when the backend has it) reached directly. */
    static ReplicaPair start(Backend backend) {
        return new ReplicaPair(backend, false);
    }

    /** Two replicas on this backend with Redis reached through a proxy {@link #cutRedis} cuts. */
    static ReplicaPair withCuttableRedis(Backend backend) {
        return new ReplicaPair(backend, true);
    }

    Gateway a() {
        return a;
    }

    Gateway b() {
        return b;
    }

    MockUpstream upstream() {
        return upstream;
    }

    /** Stops B gracefully and starts a new B on the same store and Redis; the new B once A knows it. */
    Gateway restartB() {
        b.close();
        b = Gateway.start(YAML, env);
        awaitPeers(a, 1);
        return b;
    }

    /** Stops B gracefully and answers once A no longer counts it. */
    void stopB() {
        b.close();
        awaitPeers(a, 0);
    }

    /** Starts B again after {@link #stopB}. */
    Gateway startB() {
        b = Gateway.start(YAML, env);
        awaitPeers(a, 1);
        return b;
    }

    /** Cuts Redis (every connection dropped, new ones refused) and waits until both replicas have noticed. */
    void cutRedis() {
        redis.orElseThrow().cut();
        await(a, r -> !channels(r).contains("redis"), "A to notice Redis is gone");
        await(b, r -> !channels(r).contains("redis"), "B to notice Redis is gone");
    }

    /** A replica's {@code /ready}. */
    static JsonNode ready(Gateway gateway) {
        return Json.tryParse(gateway.get("/ready").body()).orElseThrow();
    }

    /** The id a replica goes by among the others. */
    static String replicaId(Gateway gateway) {
        return ready(gateway).at("/replica/id").asString();
    }

    private static String channels(JsonNode ready) {
        return ready.at("/replica/channels").toString();
    }

    static void awaitPeers(Gateway gateway, int peers) {
        await(gateway, r -> r.at("/replica/peers").size() == peers, peers + " live peers");
    }

    private static void await(Gateway gateway, Predicate<JsonNode> condition, String what) {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        JsonNode ready = ready(gateway);
        while (!condition.test(ready)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("waited in vain for " + what + "; /ready says " + ready);
            }
            Books.pause(Duration.ofMillis(20));
            ready = ready(gateway);
        }
    }

    @Override
    public void close() {
        a.close();
        b.close();
        redis.ifPresent(TcpProxy::close);
        upstream.close();
        database.close();
    }
}
