package dev.junction.governance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.junction.store.GovernanceData;
import dev.junction.store.SqlDialect;
import dev.junction.store.TestDatabases;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Loads of the store into a snapshot are shared: whoever asks during a load is answered by the next one. */
class SnapshotRefresherTest {

    private TestDatabases.Opened database;
    private final AtomicLong storeRevision = new AtomicLong(5);
    private final AtomicReference<GovernanceSnapshot> published = new AtomicReference<>(GovernanceSnapshot.EMPTY);
    private final AtomicInteger loads = new AtomicInteger();
    private volatile CountDownLatch gate = new CountDownLatch(0);
    private SnapshotRefresher refresher;

    @BeforeEach
    void open() {
        database = TestDatabases.open(SqlDialect.SQLITE);
        refresher = new SnapshotRefresher(database.database(), () -> {
            gate.await(10, TimeUnit.SECONDS);
            loads.incrementAndGet();
            published.set(GovernanceSnapshot.of(new GovernanceData(storeRevision.get(), List.of(), List.of(),
                    List.of(), List.of(), List.of(), List.of(), List.of(), List.of())));
            return published.get();
        }, published::get);
    }

    @AfterEach
    void close() {
        database.close();
    }

    @Test
    void aSnapshotThatAlreadyShowsTheRevisionNeedsNoLoad() {
        refresher.reload().join();

        assertThat(refresher.atLeast(5).join().revision()).isEqualTo(5);
        assertThat(loads).hasValue(1);
    }

    @Test
    void everyoneWhoAsksDuringALoadIsAnsweredByOneFurtherLoad() {
        gate = new CountDownLatch(1);
        CompletableFuture<GovernanceSnapshot> first = refresher.reload();
        storeRevision.set(9);
        List<CompletableFuture<GovernanceSnapshot>> waiting = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            waiting.add(i % 2 == 0 ? refresher.atLeast(9) : refresher.reload());
        }
        gate.countDown();

        first.join();
        waiting.forEach(CompletableFuture::join);
        assertThat(waiting).allSatisfy(f -> assertThat(f.join().revision()).isEqualTo(9));
        assertThat(loads).hasValue(2);
    }

    @Test
    void aRevisionTheStoreDoesNotHaveFailsAfterOneLoadInsteadOfLoadingForEver() {
        assertThatThrownBy(() -> refresher.atLeast(42).join()).isInstanceOf(CompletionException.class)
                .hasMessageContaining("not yet at 42");
        assertThat(loads).hasValue(1);
    }
}
