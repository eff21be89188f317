package dev.junction.replica;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This replica's part in keeping every replica of a store at the same governance revision. A change made here is
 * announced ({@link ReplicaMessage.Changed}) on every channel; each other replica catches up and confirms with its
 * {@link ReplicaMessage.State}; {@link #changed} completes once every live replica confirmed, or the bound passed, or
 * at once when no channel is up (other replicas then apply it when they poll the store). Every replica also sends its
 * state once a heartbeat, so that the others know who is live, and catches up when a peer is ahead of it (a change
 * whose announcement it missed).
 *
 * <p>Thread safe. Messages are handled on the channels' threads, which only schedule work: catching up runs wherever
 * {@link Local#catchUp} runs it.
 */
public final class ReplicaSync implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ReplicaSync.class);

    /** The revision this replica serves, and how it catches up with a newer one. */
    public interface Local {
        /** The revision the data plane serves now. */
        long revision();

        /** Completes once the data plane serves {@code revision} or a later one; must not block. */
        CompletionStage<?> catchUp(long revision);
    }

    /**
     * @param replicaId this replica's id, unique among the store's replicas
     * @param heartbeat how often this replica says which revision it serves
     * @param liveFor how long a replica not heard from still counts as live
     * @param confirmWithin how long a change waits for the confirmations of the live replicas
     */
    public record Settings(String replicaId, Duration heartbeat, Duration liveFor, Duration confirmWithin) {
    }

    private final Settings settings;
    private final Local local;
    private final ScheduledExecutorService timer;
    private final Peers peers;
    private final PendingConfirmations pending;
    private volatile List<ReplicaChannel> channels = List.of();

    private ReplicaSync(Settings settings, Local local) {
        this.settings = settings;
        this.local = local;
        this.timer = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("junction-replicas")
                .daemon(true).factory());
        this.peers = new Peers(settings.liveFor(), System::nanoTime);
        this.pending = new PendingConfirmations(timer);
    }

    /**
     * Opens the channels and starts listening; call {@link #join} once the data plane serves its first snapshot.
     * Blocks while the channels connect.
     */
    public static ReplicaSync start(Settings settings, List<ReplicaChannel.Opener> openers, Local local) {
        ReplicaSync sync = new ReplicaSync(settings, local);
        sync.channels = openers.stream().map(o -> o.open(sync::receive)).flatMap(Optional::stream).toList();
        return sync;
    }

    /** Says hello (every live replica answers with its state) and starts the heartbeat. */
    public void join() {
        publish(new ReplicaMessage.Hello(settings.replicaId(), local.revision()));
        long every = settings.heartbeat().toMillis();
        timer.scheduleWithFixedDelay(this::heartbeat, every, every, TimeUnit.MILLISECONDS);
    }

    /**
     * Announces a change this replica committed at {@code revision}, catches up with it here, and completes once the
     * replicas live now confirmed it, or {@link Settings#confirmWithin} passed. Fails only when catching up here fails.
     */
    public CompletableFuture<Confirmation> changed(long revision) {
        publish(new ReplicaMessage.Changed(settings.replicaId(), revision));
        return local.catchUp(revision).toCompletableFuture().thenCompose(ignored -> {
            announce();
            List<Peer> live = peers.live();
            if (!connected()) {
                return CompletableFuture.completedFuture(new Confirmation(revision, List.of(),
                        live.stream().map(Peer::id).toList(), false));
            }
            CompletableFuture<Confirmation> confirmed = pending.await(revision, live, settings.confirmWithin());
            // A state that arrived between reading the peers and registering the wait is counted now.
            peers.live().forEach(p -> pending.serves(p.id(), p.revision()));
            return confirmed;
        });
    }

    /** The replicas live now, by id, with the revision each serves. */
    public List<Peer> peers() {
        return peers.live();
    }

    /** This replica's id. */
    public String replicaId() {
        return settings.replicaId();
    }

    /** The names of the channels that are up now. */
    public List<String> connectedChannels() {
        return channels.stream().filter(ReplicaChannel::connected).map(ReplicaChannel::name).toList();
    }

    private boolean connected() {
        return channels.stream().anyMatch(ReplicaChannel::connected);
    }

    private void heartbeat() {
        try {
            announce();
        } catch (RuntimeException e) {
            LOG.debug("Could not send this replica's state: {}", e.toString());
        }
    }

    private void announce() {
        publish(new ReplicaMessage.State(settings.replicaId(), local.revision()));
    }

    private void publish(ReplicaMessage message) {
        String text = message.encode();
        for (ReplicaChannel channel : channels) {
            channel.publish(text);
        }
    }

    /** Called on a channel's thread for every message, this replica's own included (ignored). */
    private void receive(String text) {
        Optional<ReplicaMessage> decoded = ReplicaMessage.decode(text);
        if (decoded.isEmpty() || decoded.get().origin().equals(settings.replicaId())) {
            return;
        }
        switch (decoded.get()) {
            case ReplicaMessage.Hello h -> {
                peers.heard(h.origin(), h.revision());
                announce();
            }
            case ReplicaMessage.State s -> {
                peers.heard(s.origin(), s.revision());
                pending.serves(s.origin(), s.revision());
                if (s.revision() > local.revision()) {
                    catchUp(s.revision(), false); // it knows a change this replica missed
                }
            }
            case ReplicaMessage.Changed c -> catchUp(c.revision(), true); // the CLI announces too: not a peer
            case ReplicaMessage.Bye b -> {
                peers.left(b.origin());
                pending.left(b.origin());
            }
        }
    }

    private void catchUp(long revision, boolean confirm) {
        local.catchUp(revision).whenComplete((ignored, failure) -> {
            if (failure != null) {
                LOG.atWarn().addKeyValue("revision", revision).addKeyValue("error", failure.toString())
                        .log("Could not catch up with a change another replica announced; the poll tries again");
            } else if (confirm) {
                announce();
            }
        });
    }

    /** Says goodbye, so that no replica waits for this one, and closes the channels. */
    @Override
    public void close() {
        timer.shutdownNow();
        publish(new ReplicaMessage.Bye(settings.replicaId()));
        channels.forEach(ReplicaChannel::close);
    }
}
