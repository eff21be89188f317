package dev.junction.governance;

import dev.junction.budget.BudgetLedger;
import dev.junction.budget.LocalBudgetLedger;
import dev.junction.budget.RedisBudgetLedger;
import dev.junction.config.AnalyticsSettings;
import dev.junction.config.GovernanceSettings;
import dev.junction.crypto.SecretBox;
import dev.junction.crypto.SecretKeyRing;
import dev.junction.crypto.VirtualKeys;
import dev.junction.limit.LocalRateLimiter;
import dev.junction.limit.RateLimiter;
import dev.junction.limit.RedisRateLimiter;
import dev.junction.limit.SharedDeploymentLimits;
import dev.junction.observe.LogSetup;
import dev.junction.observe.RequestLogWriter;
import dev.junction.observe.WriterSettings;
import dev.junction.replica.Confirmation;
import dev.junction.replica.ReplicaSync;
import dev.junction.routing.DeploymentGate;
import dev.junction.rotation.SecretRotation;
import dev.junction.secret.Secret;
import dev.junction.store.Database;
import dev.junction.store.DatabaseSettings;
import dev.junction.store.GovernanceStore;
import dev.junction.store.JdbcRequestLogSink;
import dev.junction.store.MigrationMode;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The governance side of a gateway process: the store, the published snapshot the data plane reads, the rate limiter
 * and budget ledger (in memory, or in Redis when replicas share one), the cost calculator, the request-log writer,
 * and this replica's part among the store's replicas. {@link #start} opens the database (running migrations), starts
 * listening to the other replicas, loads the first snapshot (seeding the ledger's current-period spend from the
 * database) and says hello. A change made here is put in force everywhere by {@link #propagate}; changes announced by
 * other replicas are caught up with as they arrive; and the store's revision is polled every {@link #POLL} as the
 * safety net for announcements that never came. Thread safe.
 */
public final class Governance implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Governance.class);

    /** How often the store's revision is checked for changes made elsewhere. */
    public static final Duration POLL = Duration.ofSeconds(1);

    private final GovernanceSettings settings;
    private final Database database;
    private final GovernanceStore store;
    private final SecretKeyRing keyRing;
    private final SecretBox secrets;
    private final VirtualKeys virtualKeys;
    private final RateLimiter limiter;
    private final BudgetLedger ledger;
    private final RequestLogWriter writer;
    private final Governor governor;
    private final Clock clock;
    private final BudgetSeeds seeds;
    private final PublishedSnapshot published;
    private final SnapshotRefresher refresher;
    private final KeyLookup keyLookup;
    private final SecretRotation rotation;
    private volatile boolean startedWithVirtualKeys;
    private final DatabaseSettings databaseSettings;
    private final Optional<String> redisUrl;
    private ReplicaSync replicas;
    private final ScheduledExecutorService poller;
    private final Optional<DeploymentGate> sharedDeploymentLimits;
    private volatile Optional<RetentionSchedule> retention = Optional.empty();

    private Governance(GovernanceSettings settings, AnalyticsSettings analytics, Optional<String> redisUrl,
                       Clock clock) {
        this.settings = settings;
        this.clock = clock;
        this.keyRing = keyRing(settings);
        if (keyRing.generated()) {
            warnGenerated(settings);
        }
        this.secrets = new SecretBox(keyRing);
        this.virtualKeys = new VirtualKeys(keyRing);
        GovernanceSettings.DatabaseConfig db = settings.database();
        this.databaseSettings = databaseSettings(db);
        this.redisUrl = redisUrl;
        this.database = Database.open(databaseSettings);
        this.store = new GovernanceStore(database, clock);
        this.limiter = redisUrl.<RateLimiter>map(url -> new RedisRateLimiter(url, "junction:rl:",
                Duration.ofMinutes(10))).orElseGet(() -> new LocalRateLimiter(clock, Duration.ofMinutes(10)));
        this.ledger = redisUrl.<BudgetLedger>map(url -> new RedisBudgetLedger(url, "junction:budget:", clock,
                Duration.ofMinutes(15))).orElseGet(() -> new LocalBudgetLedger(clock, Duration.ofMinutes(15)));
        GovernanceSettings.RequestLogSettings logs = settings.requestLogs();
        this.writer = RequestLogWriter.start(new SettlingSink(new JdbcRequestLogSink(database), ledger),
                new WriterSettings(logs.queueSize(), logs.batchSize(), logs.flushInterval(), logs.spoolDir(),
                        logs.spoolMaxBytes(), logs.journalSync(), logs.journalMaxWait()));
        this.sharedDeploymentLimits = redisUrl.map(url -> new SharedDeploymentLimits(limiter));
        this.seeds = new BudgetSeeds(database, ledger, clock, analytics);
        this.published = new PublishedSnapshot(settings.pricing().overrides(), seeds);
        this.governor = new Governor(limiter, ledger, published::costs, settings.pricing());
        this.refresher = new SnapshotRefresher(database, this::load, published::get);
        this.keyLookup = new KeyLookup(database, store, refresher, System::nanoTime);
        this.rotation = new SecretRotation(database, store, keyRing, secrets, clock);
        this.poller = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "junction-governance-poll");
            t.setDaemon(true);
            return t;
        });
    }

    /** The secret key and the previous ones the settings name (see {@link SecretKeyRing}). */
    public static SecretKeyRing keyRing(GovernanceSettings settings) {
        return SecretKeyRing.load(settings.secretKey().map(Secret::reveal),
                settings.previousSecretKeys().stream().map(Secret::reveal).toList(), settings.secretKeyFile());
    }

    /** Said once, on the start that created the key file: what it is, what to back up, and why. */
    private static void warnGenerated(GovernanceSettings settings) {
        LOG.atWarn().addMarker(LogSetup.FOR_PEOPLE).addKeyValue("secret_key_file", settings.secretKeyFile().toString())
                .log("Created the gateway's secret key in {}. Back up this file along with the database: without it "
                        + "the provider keys stored in the database cannot be decrypted and every virtual key stops "
                        + "working. (Replicas share one key: set JUNCTION_SECRET_KEY to its content.)",
                        settings.secretKeyFile());
    }

    /**
     * Opens the store and publishes the first snapshot. Blocks (migrations, the first load); call it at start-up,
     * not on an event loop.
     *
     * @param redisUrl the Redis replicas share, which makes limits and budgets exact across them
     */
    public static Governance start(GovernanceSettings settings, Optional<String> redisUrl, Clock clock) {
        return start(settings, AnalyticsSettings.DEFAULT, redisUrl, clock);
    }

    /**
     * Opens the store and publishes the first snapshot, reading budgets' spend from rollups kept as {@code analytics}
     * says. Blocks; call it at start-up, not on an event loop.
     */
    public static Governance start(GovernanceSettings settings, AnalyticsSettings analytics,
                                   Optional<String> redisUrl, Clock clock) {
        Governance g = new Governance(settings, analytics, redisUrl, clock);
        try {
            g.replicas = g.startReplicas(); // listening before the first load, so no change falls between the two
            g.refresh().join();
            g.startedWithVirtualKeys = g.snapshot().hasVirtualKeys();
            g.replicas.join();
            g.rotation.start(); // in the background: serving does not wait for the re-sealing pass
        } catch (RuntimeException e) {
            g.close();
            throw e;
        }
        g.poller.scheduleWithFixedDelay(() -> g.refreshIfChanged(), POLL.toMillis(), POLL.toMillis(),
                TimeUnit.MILLISECONDS);
        return g;
    }

    private ReplicaSync startReplicas() {
        String storeId = database.call(store::identity).join();
        return ReplicaSync.start(ReplicaChannels.settings(), ReplicaChannels.openers(redisUrl, databaseSettings,
                storeId), new ReplicaSync.Local() {
                    @Override
                    public long revision() {
                        return published.get().revision();
                    }

                    @Override
                    public CompletionStage<?> catchUp(long revision) {
                        return refresher.atLeast(revision);
                    }
                });
    }

    /**
     * Puts a change committed at {@code revision} in force: announces it to the other replicas, brings this one's
     * snapshot up to it, and completes (on a database or replica thread) once every live replica confirmed that its
     * data plane serves it, or {@link ReplicaChannels#CONFIRM_WITHIN} passed; the confirmation says which did not.
     */
    public CompletableFuture<Confirmation> propagate(long revision) {
        return replicas.changed(revision);
    }

    /** This replica's part among the store's replicas: its id, its live peers, the channels that are up. */
    public ReplicaSync replicas() {
        return replicas;
    }

    /**
     * Loads the store again and publishes a new snapshot; completes (on a database thread) once a load begun after
     * this call is published.
     */
    public CompletableFuture<GovernanceSnapshot> refresh() {
        return refresher.reload();
    }

    /** Runs on a database thread: reads the store, publishes it, answers what is published now. */
    private GovernanceSnapshot load() {
        published.publish(store.loadAll());
        return published.get();
    }

    private void refreshIfChanged() {
        try {
            long revision = database.call(() -> store.revision().current()).join();
            refresher.atLeast(revision).join();
            database.call(() -> {
                seeds.retry();
                return null;
            }).join();
        } catch (RuntimeException e) {
            LOG.debug("Could not check the store for changes: {}", e.toString());
        }
    }

    /**
     * Calls {@code listener} with every newly published snapshot whose stored providers or routes differ from the
     * previous one's, in publishing order, on the database thread that published it (before {@link #refresh()}
     * completes), so a change made through this process is in effect when its refresh completes. The listener must not
     * wait for the database ({@link Database#call}): with SQLite that thread is the only one. It is not called for the
     * snapshot already published; read {@link #snapshot()} after registering for that.
     */
    public void onStoredConfigChange(Consumer<GovernanceSnapshot> listener) {
        published.onStoredConfigChange(listener);
    }

    /** The snapshot the data plane reads now. */
    public GovernanceSnapshot snapshot() {
        return published.get();
    }

    /**
     * Whether the store held a virtual key when this process started: such a gateway requires a key on every request
     * for its whole life, whatever other replicas add or remove later.
     */
    public boolean startedWithVirtualKeys() {
        return startedWithVirtualKeys;
    }

    /** Finds keys the snapshot does not know yet in the store (bounded; see {@link KeyLookup}). */
    public KeyLookup keyLookup() {
        return keyLookup;
    }

    public Governor governor() {
        return governor;
    }

    /**
     * The deployments' own limits shared across replicas, when limits live in Redis; without Redis each replica's
     * health tracker enforces them alone.
     */
    public Optional<DeploymentGate> sharedDeploymentLimits() {
        return sharedDeploymentLimits;
    }

    public RateLimiter limiter() {
        return limiter;
    }

    public BudgetLedger ledger() {
        return ledger;
    }

    public RequestLogWriter writer() {
        return writer;
    }

    public Database database() {
        return database;
    }

    /** The repositories, for the control plane; run their calls through {@link Database#call}. */
    public GovernanceStore store() {
        return store;
    }

    /** Hashes and issues virtual keys. */
    public VirtualKeys virtualKeys() {
        return virtualKeys;
    }

    /** The store's connection settings for the configured database ({@code database.migrate} included). */
    public static DatabaseSettings databaseSettings(GovernanceSettings.DatabaseConfig db) {
        return new DatabaseSettings(db.url(), db.user(), db.password(), db.poolSize(),
                db.migrateAtStart() ? MigrationMode.AUTO : MigrationMode.OFF);
    }

    /**
     * A sub-key of the gateway's secret key for one purpose (see {@link GatewaySecretKey#derive}).
     *
     * @return 32 bytes in a new array the caller owns
     */
    public byte[] subKey(String purpose) {
        return keyRing.active().derive(purpose);
    }

    /**
     * The sub-key for one purpose under every secret key, the active one's first: what was signed or hashed before a
     * rotation is checked against the others.
     */
    public List<byte[]> subKeys(String purpose) {
        return keyRing.derive(purpose);
    }

    /** The secret keys. */
    public SecretKeyRing keyRing() {
        return keyRing;
    }

    /** Re-sealing under the active secret key, and what depends on each key. */
    public SecretRotation rotation() {
        return rotation;
    }

    /** Seals and opens provider secrets stored in the database. */
    public SecretBox secrets() {
        return secrets;
    }

    public GovernanceSettings settings() {
        return settings;
    }

    public Clock clock() {
        return clock;
    }

    /**
     * Says goodbye to the other replicas, stops polling, flushes the request log (what cannot be written in time goes
     * to the spool), and closes the limiter, ledger and database.
     */
    @Override
    public void close() {
        retention.ifPresent(RetentionSchedule::close);
        if (replicas != null) {
            replicas.close(); // says goodbye first: no replica waits for this one any more
        }
        poller.shutdownNow();
        writer.close(Duration.ofSeconds(10));
        closeQuietly(limiter);
        closeQuietly(ledger);
        database.close();
    }

    /**
     * Starts deleting request-log entries and rollups past their retention, on a schedule (see
     * {@link RetentionSchedule}); stopped by {@link #close}. Call it once.
     */
    public synchronized void startRetention(AnalyticsSettings analytics) {
        if (retention.isPresent()) {
            throw new IllegalStateException("retention is already scheduled");
        }
        retention = Optional.of(RetentionSchedule.start(database, analytics, clock));
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception e) {
            LOG.debug("Close failed: {}", e.toString());
        }
    }
}
