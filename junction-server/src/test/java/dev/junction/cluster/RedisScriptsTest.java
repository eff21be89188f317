package dev.junction.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RedisScriptsTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(2);

    private final RedisScripts redis = RedisScripts.connect(LocalRedis.URL);

    @AfterEach
    void close() {
        redis.close();
    }

    @Test
    void aScriptRedisHasNotSeenRunsFromItsSourceAndThenByItsDigest() throws Exception {
        // A source no one ran before has a digest Redis does not know: the first run needs the fallback to EVAL.
        long marker = System.nanoTime();
        LuaScript script = LuaScript.of("probe", "return {" + marker + ", tonumber(ARGV[1]) + 1}");

        List<Object> first = redis.run(script, List.of(), List.of("41"), TIMEOUT).toCompletableFuture().get();
        List<Object> second = redis.run(script, List.of(), List.of("1"), TIMEOUT).toCompletableFuture().get();

        assertThat(first).containsExactly(marker, 42L);
        assertThat(second).containsExactly(marker, 2L);
    }

    @Test
    void theDigestIsTheOneRedisComputes() throws Exception {
        LuaScript script = LuaScript.of("digest", "return {1}");

        try (LocalRedis local = new LocalRedis()) {
            assertThat(local.commands().scriptLoad(script.source())).isEqualTo(script.sha1());
        }
    }

    @Test
    void aCallToAnUnreachableRedisFailsInsteadOfWaiting() {
        try (RedisScripts unreachable = RedisScripts.connect(LocalRedis.UNREACHABLE_URL)) {
            var call = unreachable.run(LuaScript.of("one", "return {1}"), List.of(), List.of(), Duration.ofMillis(200))
                    .toCompletableFuture();

            assertThat(call).failsWithin(5, TimeUnit.SECONDS).withThrowableOfType(ExecutionException.class);
        }
    }
}
