package dev.junction.alert;

import dev.junction.alert.channel.AlertMessage;
import dev.junction.alert.channel.Channel;
import dev.junction.alert.channel.Channels;
import dev.junction.config.AlertSettings;
import dev.junction.events.EventBus;
import dev.junction.events.GatewayEvent;
import dev.junction.events.HealthChanged;
import dev.junction.events.RequestFinished;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway's alerting: watches the event bus and polls the budget, request-log and store states, evaluates the
 * configured rules on a thread of its own every {@code evaluate_every}, turns what they find into deduplicated
 * incidents ({@link Incidents}), and sends one firing and one all-clear message per incident to the rule's channels
 * ({@link Deliveries}), publishing an {@link AlertFired} on the bus for each. The bus subscriber only enqueues
 * (a bounded inbox; a full one drops and counts), so requests never wait on alerting.
 */
public final class AlertService implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AlertService.class);
    private static final int INBOX = 10_000;

    private final AlertSettings settings;
    private final EventBus events;
    private final Probes probes;
    private final Clock clock;
    private final String replica;
    private final Map<String, Channel> fileChannels = new LinkedHashMap<>();
    private final StoredAlerts stored;
    private final AnnouncementClaims claims;
    /** The file's channels, then the store's (a stored one never shadows the file's); replaced, never changed. */
    private volatile Map<String, Channel> channels;
    private long storedRevision = Long.MIN_VALUE;
    private final List<Rule> fileRules;
    private final java.util.Set<String> fileRuleNames;
    /** The file's rules, then the store's (a stored one never shadows the file's); replaced, never changed. */
    private volatile List<Rule> rules;
    private final Incidents incidents = new Incidents();
    private final BlockingQueue<GatewayEvent> inbox = new ArrayBlockingQueue<>(INBOX);
    private final AtomicLong droppedEvents = new AtomicLong();
    private final AtomicLong claimedElsewhere = new AtomicLong();
    private final ScheduledExecutorService thread;
    private final Deliveries deliveries;
    private volatile EventBus.Subscription subscription;

    /**
     * Makes the service; nothing runs until {@link #start}.
     *
     * @param stored the channels and rules added through the admin API
     * @param claims which replica sends a change that several replicas find
     * @param replica this replica's id, named in every message
     */
    public AlertService(AlertSettings settings, EventBus events, Probes probes, StoredAlerts stored,
                        AnnouncementClaims claims, Clock clock, String replica) {
        this.settings = settings;
        this.events = events;
        this.probes = probes;
        this.clock = clock;
        this.replica = replica;
        this.stored = stored;
        this.claims = claims;
        settings.channels().values().forEach(c -> fileChannels.put(c.name(), Channels.create(c)));
        this.channels = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(fileChannels));
        this.fileRules = settings.rules().stream().map(Rules::create).toList();
        this.fileRuleNames = java.util.Set.copyOf(fileRules.stream().map(Rule::name).toList());
        this.rules = fileRules;
        this.thread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "junction-alerts");
            t.setDaemon(true);
            return t;
        });
        this.deliveries = new Deliveries(settings.delivery(), clock, thread);
    }

    /**
     * Loads the stored channels and rules, then keeps them current and evaluates every {@code evaluate_every}; the
     * bus is watched only while there is a rule.
     */
    public void start() {
        thread.execute(this::reloadStored);
        long every = settings.evaluateEvery().toMillis();
        thread.scheduleWithFixedDelay(this::reloadStored, every, every, TimeUnit.MILLISECONDS);
        thread.scheduleWithFixedDelay(this::evaluate, every, every, TimeUnit.MILLISECONDS);
        thread.execute(this::watchWhileThereAreRules);
    }

    /**
     * Loads the stored channels and rules again on the alert thread, whatever the revision (an admin write on this
     * replica waits for it, so a test send or a listing right after sees the change).
     */
    public CompletableFuture<Void> refresh() {
        return CompletableFuture.runAsync(() -> {
            storedRevision = Long.MIN_VALUE;
            reloadStored();
        }, thread);
    }

    private void reloadStored() {
        try {
            long revision = stored.revision();
            if (revision == storedRevision) {
                return;
            }
            Map<String, Channel> merged = new LinkedHashMap<>(fileChannels);
            for (AlertSettings.Channel c : stored.channels()) {
                merged.putIfAbsent(c.name(), Channels.create(c));
            }
            channels = java.util.Collections.unmodifiableMap(merged);
            rules = mergeRules(stored.rules());
            storedRevision = revision;
            watchWhileThereAreRules();
        } catch (RuntimeException e) {
            LOG.warn("The stored alert channels and rules could not be loaded: {}", e.getClass().getSimpleName());
        }
    }

    /**
     * The file's rules, then the stored ones whose names the file does not use. A stored rule whose settings did not
     * change keeps its instance (and what it has counted). One that is gone, or changed, takes its open incidents
     * and cool-downs with it, without an all-clear (nothing cleared); a changed one starts counting afresh and fires
     * again if it finds the subject still wrong.
     */
    private List<Rule> mergeRules(List<AlertSettings.Rule> storedRules) {
        Map<String, Rule> before = new LinkedHashMap<>();
        rules.stream().filter(r -> !fileRuleNames.contains(r.name())).forEach(r -> before.put(r.name(), r));
        List<Rule> next = new ArrayList<>(fileRules);
        java.util.Set<String> names = new java.util.HashSet<>(fileRuleNames);
        for (AlertSettings.Rule r : storedRules) {
            if (names.add(r.name())) {
                Rule kept = before.remove(r.name());
                if (kept != null && kept.settings().equals(r)) {
                    next.add(kept);
                } else {
                    if (kept != null) {
                        incidents.forget(r.name());
                    }
                    next.add(Rules.create(r));
                }
            }
        }
        before.keySet().forEach(incidents::forget);
        return List.copyOf(next);
    }

    /** On the alert thread: subscribes to the bus when there is a rule, unsubscribes when the last one goes. */
    private void watchWhileThereAreRules() {
        if (!rules.isEmpty() && subscription == null) {
            subscription = events.subscribe(this::enqueue);
            LOG.atInfo().addKeyValue("rules", rules.size())
                    .addKeyValue("channels", String.join(",", channels.keySet())).log("Alerting started");
        } else if (rules.isEmpty() && subscription != null) {
            subscription.close();
            subscription = null;
            inbox.clear();
        }
    }

    /** Whether the rule of that name comes from the configuration file (else from the store). */
    public boolean ruleFromFile(String rule) {
        return fileRuleNames.contains(rule);
    }

    /** Whether the channel of that name comes from the configuration file (else from the store). */
    public boolean fromFile(String channel) {
        return fileChannels.containsKey(channel);
    }

    /** On the publisher's thread: keeps what the rules read, drops (and counts) when the inbox is full. */
    private void enqueue(GatewayEvent event) {
        boolean wanted = event instanceof HealthChanged
                || event instanceof RequestFinished f && !f.attempts().isEmpty();
        if (wanted && !inbox.offer(event)) {
            droppedEvents.incrementAndGet();
        }
    }

    /** One round, on the alert thread: feed the rules, ask each what is wrong, announce the changes. */
    void evaluate() {
        List<GatewayEvent> batch = new ArrayList<>();
        inbox.drainTo(batch);
        Instant now = clock.instant();
        for (Rule rule : rules) {
            try {
                batch.forEach(rule::observe);
                for (Incidents.Change change : incidents.update(rule.name(), rule.settings().coolDown(),
                        rule.evaluate(now, probes), now)) {
                    announce(rule, change, now);
                }
            } catch (RuntimeException e) {
                LOG.atWarn().addKeyValue("rule", rule.name()).log("An alert rule failed: " + e);
            }
        }
    }

    private void announce(Rule rule, Incidents.Change change, Instant now) {
        Incident incident = change.incident();
        LOG.atInfo().addKeyValue("rule", incident.rule()).addKeyValue("subject", incident.subject())
                .addKeyValue("state", change.state().wireName()).log("Alert " + change.state().wireName());
        AlertMessage message = new AlertMessage(change.state(), incident.rule(), incident.subject(),
                change.summary(), change.facts(), now, replica);
        events.publish(new AlertFired(now, incident, change.state() == AlertMessage.State.RESOLVED));
        // Another replica that found the same change first has sent it; a cool-down of zero still spans a round.
        Duration window = rule.settings().coolDown().compareTo(settings.evaluateEvery()) > 0
                ? rule.settings().coolDown() : settings.evaluateEvery();
        // The claim names the rule's definition too: a rule changed through the admin API is a new rule whose first
        // firing is news, while replicas running the same definition still agree on one announcement.
        String claimed = incident.rule() + "#" + Integer.toHexString(rule.settings().toString().hashCode());
        if (!claims.claim(claimed, incident.subject(), change.state().wireName(), now, window)) {
            claimedElsewhere.incrementAndGet();
            LOG.atDebug().addKeyValue("rule", incident.rule()).addKeyValue("subject", incident.subject())
                    .log("Another replica announced this alert change");
            return;
        }
        Map<String, Channel> current = channels;
        List<String> told = rule.settings().channels().isEmpty() ? List.copyOf(current.keySet())
                : rule.settings().channels();
        told.stream().map(current::get).filter(java.util.Objects::nonNull).forEach(c -> deliveries.send(c, message));
    }

    /**
     * Sends a test message to {@code channel} once (no retry) and tells what the receiver said; empty when there is
     * no such channel.
     */
    public Optional<CompletableFuture<DeliveryResult>> test(String channel) {
        Channel c = channels.get(channel);
        if (c == null) {
            return Optional.empty();
        }
        AlertMessage message = new AlertMessage(AlertMessage.State.TEST, "test", channel,
                "A test message from Junction: this channel receives the gateway's alerts.", Map.of(),
                clock.instant(), replica);
        return Optional.of(deliveries.tryOnce(c, message));
    }

    /** The channels, in their order. */
    public List<Channel> channels() {
        return List.copyOf(channels.values());
    }

    /** The rules' settings, in their order. */
    public List<AlertSettings.Rule> rules() {
        return rules.stream().map(Rule::settings).toList();
    }

    /** The incidents open now, oldest first. */
    public List<Incident> openIncidents() {
        return incidents.open();
    }

    /** The counters since start. */
    public AlertStats stats() {
        return new AlertStats(deliveries.queued(), deliveries.delivered(), deliveries.retried(),
                deliveries.deadLettered(), droppedEvents.get(), incidents.suppressed(), claimedElsewhere.get(),
                incidents.open().size());
    }

    /** Stops evaluating and sending; messages still waiting for a retry are abandoned. */
    @Override
    public void close() {
        EventBus.Subscription s = subscription;
        if (s != null) {
            s.close();
        }
        thread.shutdownNow();
        deliveries.close();
    }
}
