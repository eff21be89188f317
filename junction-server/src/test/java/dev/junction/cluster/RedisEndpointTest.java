package dev.junction.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lettuce.core.RedisURI;
import org.junit.jupiter.api.Test;

class RedisEndpointTest {

    @Test
    void aRedisUrlIsOneServer() {
        RedisEndpoint endpoint = RedisEndpoint.parse("redis://10.0.0.5:6380");

        assertThat(endpoint).isInstanceOfSatisfying(RedisEndpoint.Single.class, single -> {
            assertThat(single.uri().getHost()).isEqualTo("10.0.0.5");
            assertThat(single.uri().getPort()).isEqualTo(6380);
        });
    }

    @Test
    void aClusterUrlListsItsSeedNodesWithTheSameCredentials() {
        RedisEndpoint endpoint = RedisEndpoint.parse("rediss-cluster://:s3cret@a.example:7001,b.example:7002");

        assertThat(endpoint).isInstanceOfSatisfying(RedisEndpoint.Cluster.class, cluster -> {
            assertThat(cluster.seeds()).extracting(RedisURI::getHost).containsExactly("a.example", "b.example");
            assertThat(cluster.seeds()).extracting(RedisURI::getPort).containsExactly(7001, 7002);
            assertThat(cluster.seeds()).allSatisfy(uri -> {
                assertThat(uri.isSsl()).isTrue();
                assertThat(uri.getCredentialsProvider().resolveCredentials().block().getPassword())
                        .isEqualTo("s3cret".toCharArray());
            });
        });
    }

    @Test
    void aClusterUrlWithADatabaseIsRefused() {
        assertThatThrownBy(() -> RedisEndpoint.parse("redis-cluster://a:7001/2"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("without a database");
    }

    @Test
    void aKeyPrefixGetsAHashTagUnlessItHasOne() {
        assertThat(RedisEndpoint.slotPrefix("junction:rl:")).isEqualTo("{junction:rl}:");
        assertThat(RedisEndpoint.slotPrefix("junction")).isEqualTo("{junction}:");
        assertThat(RedisEndpoint.slotPrefix("{tenant-a}:rl:")).isEqualTo("{tenant-a}:rl:");
        assertThat(RedisEndpoint.slotPrefix("odd{}:")).isEqualTo("{odd{}}:");
    }
}
