package dev.junction.config;

import java.time.Duration;

/**
 * Listener settings.
 *
 * @param maxBodyBytes requests with a larger body get a 413
 * @param drainTimeout on shutdown, how long in-flight requests and streams may take to finish
 */
public record ServerSettings(String host, int port, long maxBodyBytes, Duration drainTimeout) {

    /** Defaults: all interfaces, port 8080, 32 MiB bodies (images inline), 30 s drain. */
    public static final ServerSettings DEFAULTS = new ServerSettings("0.0.0.0", 8080, 32L * 1024 * 1024,
            Duration.ofSeconds(30));

    /** The same settings on another port. */
    public ServerSettings withPort(int newPort) {
        return new ServerSettings(host, newPort, maxBodyBytes, drainTimeout);
    }
}
