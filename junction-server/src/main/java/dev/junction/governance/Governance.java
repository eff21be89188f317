package dev.junction.governance;

import dev.junction.budget.BudgetAccount;
import dev.junction.budget.BudgetLedger;
import dev.junction.budget.LocalBudgetLedger;
import dev.junction.budget.RedisBudgetLedger;
import dev.junction.config.GovernanceSettings;
import dev.junction.crypto.GatewaySecretKey;
import dev.junction.crypto.SecretBox;
import dev.junction.crypto.VirtualKeys;
import dev.junction.entity.Budget;
import dev.junction.limit.LocalRateLimiter;
import dev.junction.limit.RateLimiter;
import dev.junction.limit.RedisRateLimiter;
import dev.junction.limit.SharedDeploymentLimits;
import dev.junction.observe.LogSetup;
import dev.junction.observe.RequestLogWriter;
import dev.junction.observe.WriterSettings;
import dev.junction.pricing.CostCalculator;
import dev.junction.pricing.PriceCatalog;
import dev.junction.routing.DeploymentGate;
import dev.junction.routing.Price;
import dev.junction.store.Database;
import dev.junction.store.DatabaseSettings;
import dev.junction.store.GovernanceData;
import dev.junction.store.GovernanceStore;
import dev.junction.store.JdbcRequestLogSink;
import dev.junction.store.SpendSummary;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The governance side of a gateway process: the store, the published snapshot the data plane reads, the rate limiter
 * and budget ledger (in memory, or in Redis when replicas share one), the cost calculator and the request-log
 * writer. {@link #start} opens the database (running migrations), loads the first snapshot and reconciles the
 * ledger's current-period spend with the database; afterwards the store's revision is polled so that changes made
 * by any replica are published here within {@link #POLL}. Thread safe.
 */
public final class Governance implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Governance.class);

    /** How often the store's revision is checked for changes made elsewhere. */
    static final Duration POLL = Duration.ofSeconds(2);

    private final GovernanceSettings settings;
    private final Database database;
    private final GovernanceStore store;
    private final GatewaySecretKey secretKey;
    private final SecretBox secrets;
    private final VirtualKeys virtualKeys;
    private final RateLimiter limiter;
    private final BudgetLedger ledger;
    private final RequestLogWriter writer;
    private final Governor governor;
    private final Clock clock;
    private final AtomicReference<GovernanceSnapshot> snapshot = new AtomicReference<>(GovernanceSnapshot.EMPTY);
    private final AtomicReference<CostCalculator> costs = new AtomicReference<>();
    private final Set<String> seeded = new HashSet<>();
    private final ScheduledExecutorService poller;
    private final Optional<DeploymentGate> sharedDeploymentLimits;
    private final List<Consumer<GovernanceSnapshot>> storedConfigListeners = new CopyOnWriteArrayList<>();

    private Governance(GovernanceSettings settings, Optional<String> redisUrl, Clock clock) {
        this.settings = settings;
        this.clock = clock;
        this.secretKey = GatewaySecretKey.load(settings.secretKey().map(s -> s.reveal()), settings.secretKeyFile());
        if (secretKey.generated()) {
            warnGenerated(settings);
        }
        this.secrets = new SecretBox(secretKey);
        this.virtualKeys = new VirtualKeys(secretKey);
        GovernanceSettings.DatabaseConfig db = settings.database();
        this.database = Database.open(new DatabaseSettings(db.url(), db.user(), db.password(), db.poolSize()));
        this.store = new GovernanceStore(database, clock);
        this.limiter = redisUrl.<RateLimiter>map(url -> new RedisRateLimiter(url, "junction:rl:",
                Duration.ofMinutes(10))).orElseGet(() -> new LocalRateLimiter(clock, Duration.ofMinutes(10)));
        this.ledger = redisUrl.<BudgetLedger>map(url -> new RedisBudgetLedger(url, "junction:budget:", clock,
                Duration.ofMinutes(15))).orElseGet(() -> new LocalBudgetLedger(clock, Duration.ofMinutes(15)));
        GovernanceSettings.RequestLogSettings logs = settings.requestLogs();
        this.writer = RequestLogWriter.start(new JdbcRequestLogSink(database), new WriterSettings(logs.queueSize(),
                logs.batchSize(), logs.flushInterval(), logs.spoolDir(), logs.spoolMaxBytes()));
        this.costs.set(new CostCalculator(PriceCatalog.bundled().withOverrides(settings.pricing().overrides())));
        this.sharedDeploymentLimits = redisUrl.map(url -> new SharedDeploymentLimits(limiter));
        this.governor = new Governor(limiter, ledger, costs::get, settings.pricing());
        this.poller = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "junction-governance-poll");
            t.setDaemon(true);
            return t;
        });
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
        Governance g = new Governance(settings, redisUrl, clock);
        try {
            g.refresh().join();
        } catch (RuntimeException e) {
            g.close();
            throw e;
        }
        g.poller.scheduleWithFixedDelay(() -> g.refreshIfChanged(), POLL.toMillis(), POLL.toMillis(),
                TimeUnit.MILLISECONDS);
        return g;
    }

    /** Loads the store again and publishes a new snapshot; completes once it is published. */
    public java.util.concurrent.CompletableFuture<GovernanceSnapshot> refresh() {
        return database.call(() -> {
            GovernanceData data = store.loadAll();
            publish(data);
            return snapshot.get();
        });
    }

    private void refreshIfChanged() {
        try {
            long revision = database.call(() -> store.revision().current()).join();
            if (revision != snapshot.get().revision()) {
                refresh().join();
            }
        } catch (RuntimeException e) {
            LOG.debug("Could not check the store for changes: {}", e.toString());
        }
    }

    /** Runs on a database thread. */
    private synchronized void publish(GovernanceData data) {
        if (data.revision() < snapshot.get().revision()) {
            return; // a slower load from before a change that is already published: publishing it would undo the change
        }
        GovernanceSnapshot next = GovernanceSnapshot.of(data);
        Map<String, Price> overrides = new LinkedHashMap<>(settings.pricing().overrides());
        data.priceOverrides().forEach(o -> overrides.put(o.model(), o.toPrice()));
        costs.set(new CostCalculator(PriceCatalog.bundled().withOverrides(overrides)));
        reconcile(next);
        GovernanceSnapshot previous = snapshot.getAndSet(next);
        if (next.storedConfigDiffers(previous)) {
            for (Consumer<GovernanceSnapshot> listener : storedConfigListeners) {
                try {
                    listener.accept(next);
                } catch (RuntimeException e) { // one listener's failure must not stop publishing or the others
                    LOG.error("A listener failed to apply the changed stored providers and routes", e);
                }
            }
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
        storedConfigListeners.add(listener);
    }

    /**
     * Budgets new to this process get their current period's spend from the request log, the record of truth (the
     * ledger keeps the larger of the two, so a shared ledger that is ahead is not set back).
     */
    private void reconcile(GovernanceSnapshot next) {
        SpendSummary spend = new SpendSummary(database);
        for (Budget budget : next.budgets()) {
            if (!seeded.add(budget.id() + "@" + budget.amountNanos() + "@" + budget.period())) {
                continue;
            }
            BudgetAccount account = KeyGrant.account(budget);
            var window = budget.period().window(clock.instant(), budget.timeZone());
            long spent = spend.spentSince(budget.scope(), budget.scopeId(), window.start());
            ledger.seed(account, spent).toCompletableFuture().join();
        }
    }

    /** The snapshot the data plane reads now. */
    public GovernanceSnapshot snapshot() {
        return snapshot.get();
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
     * Stops polling, flushes the request log (what cannot be written in time goes to the spool), and closes the
     * limiter, ledger and database.
     */
    @Override
    public void close() {
        poller.shutdownNow();
        writer.close(Duration.ofSeconds(10));
        closeQuietly(limiter);
        closeQuietly(ledger);
        database.close();
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception e) {
            LOG.debug("Close failed: {}", e.toString());
        }
    }
}
