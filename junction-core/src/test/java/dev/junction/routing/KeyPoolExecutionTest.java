package dev.junction.routing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.model.GatewayError;
import dev.junction.provider.KeyPool;
import dev.junction.provider.KeyPool.PooledKey;
import dev.junction.provider.ProviderConfig;
import dev.junction.routing.health.KeyStatus;
import dev.junction.secret.Secret;
import dev.junction.upstream.ProviderAdapter;
import dev.junction.upstream.UpstreamFailure;
import io.vertx.core.Future;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** A provider with several keys: attempts spread over them, and a key's 429 or refusal does not fail its deployment. */
class KeyPoolExecutionTest extends RouteExecutorHarness {

    private static final KeyPool POOL = new KeyPool(List.of(new PooledKey("first", Secret.of("sk-first"), 1),
            new PooledKey("second", Secret.of("sk-second"), 1)), Duration.ofSeconds(30), Duration.ofMinutes(10));

    /** The key each call to provider "a" carried, in order. */
    private final List<String> keysSent = new ArrayList<>();
    /** What provider "a" answers per key; a key not listed succeeds. */
    private final Map<String, GatewayError> failuresByKey = new HashMap<>();
    private Map<String, ProviderConfig> configs;

    private RouteExecutor pooledExecutor() {
        configs = new HashMap<>();
        configs.put("a", pooled(ModelResolverTest.provider("a", List.of(), List.of()), POOL));
        configs.put("b", ModelResolverTest.provider("b", List.of(), List.of()));
        configs.put("c", ModelResolverTest.provider("c", List.of(), List.of()));
        succeed("b");
        Function<ProviderConfig, ProviderAdapter> adapters = config -> call -> {
            called.add(config.name() + "/" + call.upstreamModel());
            if (!config.name().equals("a")) {
                return answers.get(config.name()).apply(call);
            }
            String key = call.provider().apiKey().orElseThrow().reveal();
            keysSent.add(key);
            GatewayError failure = failuresByKey.get(key);
            return failure == null ? Future.succeededFuture(OK) : Future.failedFuture(new UpstreamFailure(failure));
        };
        return new RouteExecutor(configs, adapters, health, timers, name -> Optional.ofNullable(routes.get(name)),
                RouteExecutor.newStrategyState());
    }

    static ProviderConfig pooled(ProviderConfig base, KeyPool pool) {
        return new ProviderConfig(base.name(), base.dialect(), base.baseUrl(), Optional.empty(), base.auth(),
                base.headers(), base.params(), base.timeouts(), base.models(), base.modelPatterns(), base.caBundle(),
                base.platform(), pool, base.operations());
    }

    @Test
    void attemptsSpreadOverEveryKeyOfThePool() {
        RouteExecutor executor = pooledExecutor();

        for (int i = 0; i < 200; i++) {
            assertThat(run(executor).succeeded()).isTrue();
        }

        assertThat(keysSent).contains("sk-first", "sk-second");
        assertThat(keysSent.stream().filter("sk-first"::equals).count()).isBetween(50L, 150L);
    }

    @Test
    void weightsDecideEachKeysShare() {
        KeyPool weighted = new KeyPool(List.of(new PooledKey("heavy", Secret.of("sk-heavy"), 9),
                new PooledKey("light", Secret.of("sk-light"), 1)), Duration.ofSeconds(30), Duration.ofMinutes(10));
        RouteExecutor executor = pooledExecutor();
        configs.put("a", pooled(configs.get("a"), weighted));
        executor = new RouteExecutor(configs, config -> call -> {
            keysSent.add(call.provider().apiKey().orElseThrow().reveal());
            return Future.succeededFuture(OK);
        }, health, timers, name -> Optional.empty(), RouteExecutor.newStrategyState());

        for (int i = 0; i < 500; i++) {
            run(executor);
        }

        assertThat(keysSent.stream().filter("sk-heavy"::equals).count()).isGreaterThan(380L);
        assertThat(keysSent).contains("sk-light");
    }

    @Test
    void aRateLimitedKeyRestsAndTheSameDeploymentIsTriedWithAnother() {
        failuresByKey.put("sk-first", RATE_LIMITED);
        RouteExecutor executor = pooledExecutor();

        for (int i = 0; i < 20; i++) {
            RouteOutcome outcome = run(executor).result();
            assertThat(outcome.step().provider()).isEqualTo("a");
        }

        assertThat(keysSent.stream().filter("sk-first"::equals).count()).isEqualTo(1);
        assertThat(called).doesNotContain("b/model-b");
        assertThat(health.events).noneMatch(e -> e.startsWith("failed"));
        assertThat(statusOf("first").state()).isEqualTo("resting");
        assertThat(statusOf("first").rateLimits()).isEqualTo(1);
        assertThat(statusOf("second").state()).isEqualTo("active");
    }

    @Test
    void aRefusedKeyIsSetAsideWhileTheOthersServe() {
        failuresByKey.put("sk-second", GatewayError.BadGateway.refusedCredentials("HTTP 401"));
        RouteExecutor executor = pooledExecutor();

        for (int i = 0; i < 20; i++) {
            assertThat(run(executor).result().step().provider()).isEqualTo("a");
        }

        assertThat(keysSent.stream().filter("sk-second"::equals).count()).isEqualTo(1);
        assertThat(statusOf("second").state()).isEqualTo("refused");
        assertThat(statusOf("second").until()).isPresent();
    }

    @Test
    void whenEveryKeyIsOutTheDeploymentFailsAndTheRouteMovesOn() {
        failuresByKey.put("sk-first", RATE_LIMITED);
        failuresByKey.put("sk-second", RATE_LIMITED);
        RouteExecutor executor = pooledExecutor();

        RouteOutcome first = run(executor).result();
        RouteOutcome second = run(executor).result();

        assertThat(first.step().provider()).isEqualTo("b");
        assertThat(keysSent).containsExactlyInAnyOrder("sk-first", "sk-second");
        assertThat(health.events).anyMatch(e -> e.startsWith("failed a"));
        assertThat(second.step().provider()).isEqualTo("b");
        assertThat(keysSent).hasSize(2); // a is skipped while both keys rest
    }

    @Test
    void aResetKeyIsUsableAgainAtOnce() {
        failuresByKey.put("sk-first", GatewayError.BadGateway.refusedCredentials("HTTP 401"));
        failuresByKey.put("sk-second", GatewayError.BadGateway.refusedCredentials("HTTP 401"));
        RouteExecutor executor = pooledExecutor();
        run(executor);
        failuresByKey.clear();

        assertThat(health.keys().reset(configs.get("a"), "first")).isTrue();
        RouteOutcome outcome = run(executor).result();

        assertThat(outcome.step().provider()).isEqualTo("a");
        assertThat(keysSent.getLast()).isEqualTo("sk-first");
        assertThat(health.keys().reset(configs.get("a"), "no-such-key")).isFalse();
    }

    @Test
    void keysThatStayInThePoolKeepTheirStateAcrossAReload() {
        failuresByKey.put("sk-first", RATE_LIMITED);
        RouteExecutor executor = pooledExecutor();
        for (int i = 0; i < 200 && !keysSent.contains("sk-first"); i++) {
            run(executor); // until the random pick has tried the first key
        }
        assertThat(statusOf("first").state()).isEqualTo("resting");

        KeyPool rotated = new KeyPool(List.of(new PooledKey("first", Secret.of("sk-first"), 1),
                new PooledKey("third", Secret.of("sk-third"), 1)), Duration.ofSeconds(30), Duration.ofMinutes(10));
        ProviderConfig reloaded = pooled(configs.get("a"), rotated);
        health.keys().retain(List.of(reloaded));

        List<KeyStatus> statuses = health.keys().statuses(List.of(reloaded));
        assertThat(statuses).extracting(KeyStatus::key).containsExactly("first", "third");
        assertThat(statuses).extracting(KeyStatus::state).containsExactly("resting", "active");
    }

    private KeyStatus statusOf(String key) {
        return health.keys().statuses(List.of(configs.get("a"))).stream().filter(s -> s.key().equals(key))
                .findFirst().orElseThrow();
    }
}
