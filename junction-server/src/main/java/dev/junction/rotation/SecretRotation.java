package dev.junction.rotation;

import dev.junction.config.StoredProviderSeals;
import dev.junction.crypto.SecretBox;
import dev.junction.crypto.SecretKeyRing;
import dev.junction.observe.LogSetup;
import dev.junction.store.Database;
import dev.junction.store.GovernanceStore;
import dev.junction.store.RotationRepository;
import dev.junction.store.StoredAlertChannel;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running side of a secret-key rotation on one replica. At start it gives hashes made before key ids the id of
 * the only key (when the ring has one), warns about stored hashes and values under keys the ring no longer has, and
 * starts a re-sealing pass in the background; {@link #reseal()} starts another on demand (passes coalesce), and
 * {@link #report()} tells what depends on each key. All store work runs on the database's threads. Thread safe.
 */
public final class SecretRotation {

    private static final Logger LOG = LoggerFactory.getLogger(SecretRotation.class);

    private final Database database;
    private final GovernanceStore store;
    private final RotationRepository rotation;
    private final SecretKeyRing ring;
    private final Resealer resealer;
    private final AtomicReference<CompletableFuture<ResealReport>> running = new AtomicReference<>();
    private volatile Optional<ResealReport> last = Optional.empty();

    public SecretRotation(Database database, GovernanceStore store, SecretKeyRing ring, SecretBox box, Clock clock) {
        this.database = database;
        this.store = store;
        this.rotation = new RotationRepository(database);
        this.ring = ring;
        this.resealer = new Resealer(store, rotation, box, clock);
    }

    /** Adopts hashes without a key id when the ring has one key, warns about lost keys, and starts a pass. */
    public CompletableFuture<ResealReport> start() {
        CompletableFuture<Void> adopted = ring.ids().size() == 1
                ? database.call(() -> rotation.adoptUnknownHashes(ring.activeId())).thenAccept(n -> { })
                : CompletableFuture.completedFuture(null);
        return adopted.thenCompose(ignored -> report()).thenCompose(report -> {
            warnUnconfigured(report);
            return reseal();
        });
    }

    /**
     * Runs a re-sealing pass, or joins the one running.
     *
     * @return completes on a database thread with what the pass did
     */
    public CompletableFuture<ResealReport> reseal() {
        CompletableFuture<ResealReport> mine = new CompletableFuture<>();
        CompletableFuture<ResealReport> theirs = running.compareAndExchange(null, mine);
        if (theirs != null) {
            return theirs;
        }
        database.call(resealer::run).whenComplete((report, failure) -> {
            running.set(null);
            if (failure != null) {
                LOG.warn("Re-sealing stored secrets under the active secret key failed; the next start or a POST to "
                        + "/api/admin/secret-keys/reseal tries again", failure);
                mine.completeExceptionally(failure);
                return;
            }
            last = Optional.of(report);
            if (report.resealed() > 0 || !report.failed().isEmpty()) {
                LOG.atInfo().addMarker(LogSetup.FOR_PEOPLE).addKeyValue("resealed", report.resealed())
                        .addKeyValue("failed", String.join(", ", report.failed()))
                        .log("Re-sealed {} stored record(s) under secret key {}{}", report.resealed(),
                                ring.activeId(), report.failed().isEmpty() ? ""
                                        : "; could not open " + report.failed()
                                        + " (sealed under a key that is no longer configured?)");
            }
            mine.complete(report);
        });
        return mine;
    }

    /** What depends on each key now; completes on a database thread. */
    public CompletableFuture<KeyRingReport> report() {
        return database.call(this::readReport);
    }

    private KeyRingReport readReport() {
        Map<String, Long> virtualKeys = rotation.virtualKeysByKeyId();
        Map<String, Long> tokens = rotation.serviceTokensByKeyId();
        Map<String, Long> sealed = sealedByKeyId();
        Set<String> named = new LinkedHashSet<>(virtualKeys.keySet());
        named.addAll(tokens.keySet());
        named.addAll(sealed.keySet());
        List<KeyRingReport.KeyUse> keys = new ArrayList<>();
        for (String id : ring.ids()) {
            keys.add(use(id, id.equals(ring.activeId()), virtualKeys, tokens, sealed));
        }
        List<KeyRingReport.KeyUse> unconfigured = named.stream()
                .filter(id -> !id.equals(RotationRepository.UNKNOWN) && ring.byId(id).isEmpty())
                .map(id -> use(id, false, virtualKeys, tokens, sealed)).toList();
        return new KeyRingReport(ring.activeId(), keys, unconfigured,
                use(RotationRepository.UNKNOWN, false, virtualKeys, tokens, sealed), last, running.get() != null);
    }

    private static KeyRingReport.KeyUse use(String id, boolean active, Map<String, Long> virtualKeys,
                                            Map<String, Long> tokens, Map<String, Long> sealed) {
        return new KeyRingReport.KeyUse(id, active, virtualKeys.getOrDefault(id, 0L), tokens.getOrDefault(id, 0L),
                sealed.getOrDefault(id, 0L));
    }

    private Map<String, Long> sealedByKeyId() {
        List<String> values = new ArrayList<>();
        store.providers().list().forEach(p -> values.addAll(StoredProviderSeals.sealedValues(p)));
        for (StoredAlertChannel c : store.alertChannels().list()) {
            values.add(c.urlCiphertext());
            c.secretCiphertext().ifPresent(values::add);
        }
        Map<String, Long> counts = new LinkedHashMap<>();
        values.forEach(v -> counts.merge(SecretBox.keyIdOf(v).orElse(RotationRepository.UNKNOWN), 1L, Long::sum));
        return counts;
    }

    private void warnUnconfigured(KeyRingReport report) {
        for (KeyRingReport.KeyUse lost : report.unconfigured()) {
            LOG.atWarn().addMarker(LogSetup.FOR_PEOPLE).addKeyValue("secret_key_id", lost.id())
                    .log("{} virtual key(s), {} service token(s) and {} stored secret(s) were made under secret key "
                            + "{}, which is neither the secret key nor a previous secret key now: they no longer "
                            + "work. Add that key to previous_secret_keys (JUNCTION_PREVIOUS_SECRET_KEYS) to bring "
                            + "them back.", lost.virtualKeys(), lost.serviceTokens(), lost.sealedValues(), lost.id());
        }
    }
}
