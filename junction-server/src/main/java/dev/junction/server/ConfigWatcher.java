package dev.junction.server;

import dev.junction.config.ConfigException;
import dev.junction.config.GatewayConfig;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Arrays;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches a configuration file and hands every valid new version of it to a consumer. A Vert.x timer checks the file
 * every {@link #PERIOD}; the read, the comparison of its SHA-256 with the last version seen, the load and the consumer
 * run on a worker thread, one check at a time. An invalid version is logged, one WARN line per problem, and changes
 * nothing: the running configuration stays until a valid version appears. Thread safe.
 */
public final class ConfigWatcher {

    /** How often the file is checked. */
    public static final Duration PERIOD = Duration.ofSeconds(2);

    private static final Logger LOG = LoggerFactory.getLogger(ConfigWatcher.class);

    private final Vertx vertx;
    private final Path file;
    private final Supplier<GatewayConfig> load;
    private final Consumer<GatewayConfig> apply;
    private final Supplier<String> alsoWatched;
    private volatile boolean stopped;
    private volatile long timer = -1;
    // Touched by one check at a time (each scheduled after the previous one ended).
    private byte[] lastDigest = new byte[0];
    private boolean unreadable;

    /**
     * @param load loads the file (reading the environment again), throwing {@link ConfigException} when it is invalid
     * @param apply receives each valid new configuration, on a worker thread
     */
    public ConfigWatcher(Vertx vertx, Path file, Supplier<GatewayConfig> load, Consumer<GatewayConfig> apply) {
        this(vertx, file, load, apply, () -> "");
    }

    /**
     * @param alsoWatched what else the configuration depends on, as a string that changes when it does (the
     *     fingerprint of the detector jars its policies use): a change reloads as a change of the file does
     */
    public ConfigWatcher(Vertx vertx, Path file, Supplier<GatewayConfig> load, Consumer<GatewayConfig> apply,
                         Supplier<String> alsoWatched) {
        this.vertx = vertx;
        this.file = file;
        this.load = load;
        this.apply = apply;
        this.alsoWatched = alsoWatched;
    }

    /** Takes the file's current content as the running version and starts checking. */
    public void start() {
        try {
            lastDigest = digest(Files.readAllBytes(file), alsoWatched.get());
        } catch (IOException e) {
            unreadable = true; // a later successful read counts as a change
        }
        LOG.atDebug().addKeyValue("config", file.toString()).addKeyValue("every", PERIOD.toString())
                .log("Watching the configuration file for changes");
        schedule();
    }

    /** Stops checking; a check under way finishes. */
    public void stop() {
        stopped = true;
        vertx.cancelTimer(timer);
    }

    private void schedule() {
        if (stopped) {
            return;
        }
        timer = vertx.setTimer(PERIOD.toMillis(), id -> vertx.executeBlocking(() -> {
            check();
            return null;
        }, false).onComplete(done -> schedule()));
    }

    private void check() {
        byte[] content;
        try {
            content = Files.readAllBytes(file);
        } catch (IOException e) {
            if (!unreadable) {
                LOG.warn("Cannot read the configuration file {} ({}); keeping the running configuration", file, e);
                unreadable = true;
                lastDigest = new byte[0];
            }
            return;
        }
        unreadable = false;
        byte[] digest = digest(content, alsoWatched.get());
        if (stopped || Arrays.equals(digest, lastDigest)) {
            return;
        }
        lastDigest = digest;
        GatewayConfig config;
        try {
            config = load.get();
        } catch (ConfigException e) {
            LOG.atWarn().addKeyValue("config", file.toString()).addKeyValue("problems", e.problems().size())
                    .log("The changed configuration file is invalid; keeping the running configuration");
            e.problems().forEach(p -> LOG.atWarn().addKeyValue("config", file.toString())
                    .log("Configuration problem: {}", p));
            return;
        }
        try {
            apply.accept(config);
        } catch (RuntimeException e) { // keep watching: the next valid version may apply
            LOG.error("Could not apply the changed configuration; keeping the running one", e);
        }
    }

    private static byte[] digest(byte[] content, String also) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(content);
            sha.update(also.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return sha.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
