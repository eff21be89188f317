package dev.junction.replica;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Replicas on an in-memory channel: a change completes once every live replica confirmed it, or after the bound
 * naming those that did not; a replica that left is not waited for; one that missed an announcement catches up from a
 * peer's heartbeat; with no channel up nothing is waited for.
 */
class ReplicaSyncTest {

    private static final ReplicaSync.Settings FAST = new ReplicaSync.Settings("x", Duration.ofMillis(50),
            Duration.ofMillis(500), Duration.ofMillis(300));

    /** A channel every replica of the test shares; messages are delivered on one thread, as a real one does. */
    private static final class Bus {
        private final List<Consumer<String>> listeners = new CopyOnWriteArrayList<>();
        private final ExecutorService delivery = Executors.newSingleThreadExecutor();
        private volatile boolean up = true;

        ReplicaChannel.Opener opener() {
            return listener -> {
                listeners.add(listener);
                return Optional.of(new ReplicaChannel() {
                    @Override
                    public String name() {
                        return "memory";
                    }

                    @Override
                    public void publish(String message) {
                        if (up) {
                            delivery.execute(() -> listeners.forEach(l -> l.accept(message)));
                        }
                    }

                    @Override
                    public boolean connected() {
                        return up;
                    }

                    @Override
                    public void close() {
                        listeners.remove(listener);
                    }
                });
            };
        }
    }

    /** A replica's data plane: catches up at once, unless it is stuck. */
    private static final class Plane implements ReplicaSync.Local {
        private final AtomicLong revision = new AtomicLong();
        private volatile boolean stuck;

        @Override
        public long revision() {
            return revision.get();
        }

        @Override
        public CompletionStage<?> catchUp(long wanted) {
            if (!stuck) {
                revision.accumulateAndGet(wanted, Math::max);
            }
            return CompletableFuture.completedFuture(null);
        }
    }

    private final Bus bus = new Bus();
    private final List<ReplicaSync> started = new ArrayList<>();

    @AfterEach
    void close() throws InterruptedException {
        started.forEach(ReplicaSync::close);
        bus.delivery.shutdown();
        bus.delivery.awaitTermination(5, TimeUnit.SECONDS);
    }

    private ReplicaSync replica(String id, Plane plane) {
        ReplicaSync sync = ReplicaSync.start(new ReplicaSync.Settings(id, FAST.heartbeat(), FAST.liveFor(),
                FAST.confirmWithin()), List.of(bus.opener()), plane);
        sync.join();
        started.add(sync);
        return sync;
    }

    private static void awaitPeers(ReplicaSync sync, int count) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (sync.peers().size() != count && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(sync.peers()).hasSize(count);
    }

    @Test
    void aChangeCompletesOnceEveryLiveReplicaServesIt() throws Exception {
        Plane a = new Plane();
        Plane b = new Plane();
        Plane c = new Plane();
        ReplicaSync first = replica("a", a);
        replica("b", b);
        replica("c", c);
        awaitPeers(first, 2);
        a.revision.set(7);

        Confirmation confirmation = first.changed(7).get(5, TimeUnit.SECONDS);

        assertThat(confirmation.confirmed()).containsExactlyInAnyOrder("b", "c");
        assertThat(confirmation.status()).isEqualTo("confirmed");
        assertThat(b.revision()).isEqualTo(7);
        assertThat(c.revision()).isEqualTo(7);
    }

    @Test
    void aReplicaThatDoesNotCatchUpIsNamedOnceTheBoundHasPassed() throws Exception {
        Plane stuck = new Plane();
        stuck.stuck = true;
        ReplicaSync first = replica("a", new Plane());
        replica("b", new Plane());
        replica("stuck", stuck);
        awaitPeers(first, 2);

        Confirmation confirmation = first.changed(3).get(5, TimeUnit.SECONDS);

        assertThat(confirmation.confirmed()).containsExactly("b");
        assertThat(confirmation.unconfirmed()).containsExactly("stuck");
        assertThat(confirmation.status()).isEqualTo("unconfirmed");
    }

    @Test
    void aReplicaThatSaidGoodbyeIsNotWaitedFor() throws Exception {
        ReplicaSync first = replica("a", new Plane());
        ReplicaSync leaving = replica("b", new Plane());
        awaitPeers(first, 1);
        leaving.close();
        started.remove(leaving);
        awaitPeers(first, 0);

        Confirmation confirmation = first.changed(2).get(1, TimeUnit.SECONDS);

        assertThat(confirmation.unconfirmed()).isEmpty();
        assertThat(confirmation.status()).isEqualTo("confirmed");
    }

    @Test
    void aReplicaThatMissedAnAnnouncementCatchesUpFromAPeersHeartbeat() throws Exception {
        Plane ahead = new Plane();
        Plane behind = new Plane();
        replica("ahead", ahead);
        replica("behind", behind);
        ahead.revision.set(12); // changed there with no announcement, as when the channel lost it

        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (behind.revision() < 12 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }

        assertThat(behind.revision()).isEqualTo(12);
    }

    @Test
    void withNoChannelUpAChangeWaitsForNobodyAndNamesTheReplicasLastSeen() throws Exception {
        ReplicaSync first = replica("a", new Plane());
        replica("b", new Plane());
        awaitPeers(first, 1);
        bus.up = false;

        Confirmation confirmation = first.changed(4).get(1, TimeUnit.SECONDS);

        assertThat(confirmation.reachable()).isFalse();
        assertThat(confirmation.unconfirmed()).containsExactly("b");
    }

    @Test
    void messagesRoundTripAndStrangersAreIgnored() {
        List<ReplicaMessage> all = List.of(new ReplicaMessage.Hello("a", 1), new ReplicaMessage.State("a", 2),
                new ReplicaMessage.Changed("a", 3), new ReplicaMessage.Bye("a"));

        assertThat(all).allSatisfy(m -> assertThat(ReplicaMessage.decode(m.encode())).contains(m));
        assertThat(ReplicaMessage.decode("{\"type\":\"state\",\"origin\":\"a\"}")).isEmpty();
        assertThat(ReplicaMessage.decode("not json")).isEmpty();
    }
}
