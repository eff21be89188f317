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
 * @param maxFormFieldBytes the longest text field of a multipart form (an image edit's or a transcription's
 *     {@code prompt}); a longer one is a 400. The multipart decoder's own default, 8 KiB, is below what the upstreams
 *     accept (gpt-image prompts run to 32 000 characters)
 */
public record ServerSettings(String host, int port, long maxBodyBytes, Duration drainTimeout,
                             TrustedProxies trustedProxies, long maxAudioBodyBytes, String uploadDir,
                             int maxFormFieldBytes) {

    /** Room for a 32 000-character prompt of four-byte characters: 128 KiB. */
    public static final int DEFAULT_MAX_FORM_FIELD_BYTES = 128 * 1024;

    /** OpenAI's own limit on an audio upload: 25 MB. */
    public static final long DEFAULT_MAX_AUDIO_BODY_BYTES = 25L * 1024 * 1024;

    /**
     * Defaults: all interfaces, port 8080, 32 MiB bodies (images inline), 30 s drain, no trusted proxy, 25 MiB audio
     * uploads kept under the system's temporary directory, 128 KiB form fields.
     */
    public static final ServerSettings DEFAULTS = new ServerSettings("0.0.0.0", 8080, 32L * 1024 * 1024,
            Duration.ofSeconds(30), TrustedProxies.NONE, DEFAULT_MAX_AUDIO_BODY_BYTES,
            java.nio.file.Path.of(System.getProperty("java.io.tmpdir"), "junction-uploads").toString(),
            DEFAULT_MAX_FORM_FIELD_BYTES);

    /** The same settings on another port. */
    public ServerSettings withPort(int newPort) {
        return new ServerSettings(host, newPort, maxBodyBytes, drainTimeout, trustedProxies, maxAudioBodyBytes,
                uploadDir, maxFormFieldBytes);
    }
}
