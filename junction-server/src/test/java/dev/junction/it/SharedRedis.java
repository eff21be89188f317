package dev.junction.it;

import dev.junction.cluster.LocalRedisCluster;

/**
 * The Redis replicas share in the suites that run on both: the machine's Redis, or a three-node Redis Cluster started
 * for the tests (skipped when {@code redis-server} is not installed).
 */
enum SharedRedis {
    SINGLE, CLUSTER;

    /** The URL a gateway takes for it. */
    String url() {
        return this == SINGLE ? Backend.REDIS_URL : LocalRedisCluster.shared().url();
    }
}
