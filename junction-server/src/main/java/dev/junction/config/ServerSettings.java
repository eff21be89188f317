package dev.junction.config;

import java.time.Duration;

/**
 * Listener settings.
 *
 * @param maxBodyBytes requests with a larger body get a 413
 * @param drainTimeout on shutdown, how long in-flight requests and streams may take to finish
 * @param trustedProxies the proxies whose forwarding header tells the client's address (IP allow-lists check it)
 */
public record ServerSettings(String host, int port, long maxBodyBytes, Duration drainTimeout,
                             TrustedProxies trustedProxies) {

    /** Defaults: all interfaces, port 8080, 32 MiB bodies (images inline), 30 s drain, no trusted proxy. */
    public static final ServerSettings DEFAULTS = new ServerSettings("0.0.0.0", 8080, 32L * 1024 * 1024,
            Duration.ofSeconds(30), TrustedProxies.NONE);

    /** The same settings on another port. */
    public ServerSettings withPort(int newPort) {
        return new ServerSettings(host, newPort, maxBodyBytes, drainTimeout, trustedProxies);
    }
}
