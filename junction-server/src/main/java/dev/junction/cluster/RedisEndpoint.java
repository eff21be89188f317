package dev.junction.cluster;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.cluster.ClusterClientOptions;
import io.lettuce.core.cluster.ClusterTopologyRefreshOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Where the replicas' shared Redis is, from its URL: one server ({@code redis://host:6379}, {@code rediss://…} with
 * TLS, {@code redis-sentinel://…}), or a Redis Cluster given by one or more of its nodes
 * ({@code redis-cluster://host1:7001,host2:7002}, {@code rediss-cluster://…} with TLS; a managed service's
 * configuration endpoint is one node). User and password, as in {@code redis-cluster://:secret@host:6379}, apply to
 * every node. Immutable.
 */
public sealed interface RedisEndpoint {

    /**
     * The longest Lettuce keeps a command pending, and its connect timeout. Clients of either kind also reconnect on
     * their own and reject commands while disconnected (a command the caller has given up on must not run minutes
     * later); a cluster client follows the topology (failovers, resharding) as it changes.
     */
    Duration COMMAND_TIMEOUT = Duration.ofSeconds(2);

    /** One Redis server, or a Sentinel-managed one. */
    record Single(RedisURI uri) implements RedisEndpoint {
        /** The options for a client of this server. */
        public ClientOptions options() {
            return ClientOptions.builder().autoReconnect(true)
                    .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                    .timeoutOptions(TimeoutOptions.enabled(COMMAND_TIMEOUT))
                    .socketOptions(SocketOptions.builder().connectTimeout(COMMAND_TIMEOUT).build()).build();
        }
    }

    /** A Redis Cluster, reached through any of these nodes; the client learns the others from them. */
    record Cluster(List<RedisURI> seeds) implements RedisEndpoint {
        public Cluster {
            seeds = List.copyOf(seeds);
        }

        /** The options for a client of this cluster. */
        public ClusterClientOptions options() {
            return ClusterClientOptions.builder().autoReconnect(true)
                    .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                    .timeoutOptions(TimeoutOptions.enabled(COMMAND_TIMEOUT))
                    .socketOptions(SocketOptions.builder().connectTimeout(COMMAND_TIMEOUT).build())
                    // Lettuce refreshes on redirects and reconnects by default; a periodic refresh catches the rest.
                    .topologyRefreshOptions(ClusterTopologyRefreshOptions.builder()
                            .enablePeriodicRefresh(Duration.ofSeconds(30)).build())
                    .build();
        }
    }

    /**
     * Reads a Redis URL.
     *
     * @throws IllegalArgumentException when it is malformed (the message never shows a password)
     */
    static RedisEndpoint parse(String url) {
        boolean tls = url.startsWith("rediss-cluster://");
        if (!tls && !url.startsWith("redis-cluster://")) {
            return new Single(RedisURI.create(url));
        }
        String rest = url.substring(url.indexOf("://") + 3);
        int query = rest.indexOf('?');
        String params = query < 0 ? "" : rest.substring(query);
        String authority = query < 0 ? rest : rest.substring(0, query);
        int at = authority.lastIndexOf('@');
        String userInfo = at < 0 ? "" : authority.substring(0, at + 1);
        String hosts = authority.substring(at + 1);
        if (hosts.endsWith("/")) {
            hosts = hosts.substring(0, hosts.length() - 1);
        }
        List<RedisURI> seeds = new ArrayList<>();
        for (String host : hosts.split(",")) {
            if (host.isBlank() || host.contains("/")) {
                throw new IllegalArgumentException("a redis-cluster:// URL lists nodes as host:port, separated by "
                        + "commas, without a database");
            }
            seeds.add(RedisURI.create((tls ? "rediss://" : "redis://") + userInfo + host.strip() + params));
        }
        return new Cluster(seeds);
    }

    /**
     * The key prefix {@code prefix} with a Redis Cluster hash tag, so that every key built on it is in one slot and
     * a script may use any of them together: {@code junction:rl:} becomes {@code {junction:rl}:}; a prefix that has a
     * tag already is kept. (On a single Redis the tag is only part of the name.)
     */
    static String slotPrefix(String prefix) {
        int open = prefix.indexOf('{');
        if (open >= 0 && prefix.indexOf('}', open) > open + 1) {
            return prefix;
        }
        String name = prefix.endsWith(":") ? prefix.substring(0, prefix.length() - 1) : prefix;
        return "{" + name + "}:";
    }
}
