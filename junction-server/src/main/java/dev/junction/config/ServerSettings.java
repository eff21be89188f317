package dev.junction.config;

import java.time.Duration;

/**
 * Listener settings.
 *
 * @param maxBodyBytes requests with a larger body get a 413
 * @param drainTimeout on shutdown, how long in-flight requests and streams may take to finish
 * @param trustedProxies the proxies whose forwarding header tells the client's address (IP allow-lists check it)
 * @param maxAudioBodyBytes audio uploads (transcriptions, translations) with a larger body get a 413; they are
 *     streamed to disk, never held in memory, so this limit is independent of {@code maxBodyBytes}
 * @param uploadDir where audio uploads are kept while their request runs (each is deleted when it ends)
 */
public record ServerSettings(String host, int port, long maxBodyBytes, Duration drainTimeout,
                             TrustedProxies trustedProxies, long maxAudioBodyBytes, String uploadDir) {

    /** OpenAI's own limit on an audio upload: 25 MB. */
    public static final long DEFAULT_MAX_AUDIO_BODY_BYTES = 25L * 1024 * 1024;

    /**
     * Defaults: all interfaces, port 8080, 32 MiB bodies (images inline), 30 s drain, no trusted proxy, 25 MiB audio
     * uploads kept under the system's temporary directory.
     */
    public static final ServerSettings DEFAULTS = new ServerSettings("0.0.0.0", 8080, 32L * 1024 * 1024,
            Duration.ofSeconds(30), TrustedProxies.NONE, DEFAULT_MAX_AUDIO_BODY_BYTES,
            java.nio.file.Path.of(System.getProperty("java.io.tmpdir"), "junction-uploads").toString());

    /** The same settings on another port. */
    public ServerSettings withPort(int newPort) {
        return new ServerSettings(host, newPort, maxBodyBytes, drainTimeout, trustedProxies, maxAudioBodyBytes,
                uploadDir);
    }
}
