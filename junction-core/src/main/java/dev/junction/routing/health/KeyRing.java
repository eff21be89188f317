package dev.junction.routing.health;

import dev.junction.provider.KeyPool;
import dev.junction.provider.KeyPool.PooledKey;
import dev.junction.provider.ProviderConfig;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live state of the providers' key pools ({@link KeyPool}): which keys may be sent now, which rest after a 429
 * and which were refused (401, 403) and stay out for the pool's {@code disableFor}, after which they are tried
 * again. Picks spread attempts over the usable keys by weight. State is kept per provider name and key fingerprint,
 * so it outlives configuration reloads for keys that stay, and keys added by a reload start usable: that is how a key
 * is rotated without downtime (add the new one, reload, remove the old one, reload).
 *
 * <p>Thread safe, non-blocking and cheap (event loops call it on every attempt). State is this process's own: replicas
 * learn a key's 429s and refusals each for itself. Times come from the owning {@link HealthRegistry}'s nano clock.
 */
public final class KeyRing {

    private static final Logger LOG = LoggerFactory.getLogger("dev.junction.routing.health");

    private final LongSupplier nanoClock;
    private final long baseNanos;
    private final Instant baseInstant;
    private final ConcurrentHashMap<String, KeyState> states = new ConcurrentHashMap<>();

    KeyRing(LongSupplier nanoClock, long baseNanos, Instant baseInstant) {
        this.nanoClock = nanoClock;
        this.baseNanos = baseNanos;
        this.baseInstant = baseInstant;
    }

    /** A ring on the system's nano clock (tests that need no registry). */
    public static KeyRing onSystemClock() {
        return new KeyRing(System::nanoTime, System.nanoTime(), Instant.now());
    }

    /**
     * A key of {@code provider}'s pool to send now, chosen at random by weight among the usable ones; empty when every
     * key rests or is refused.
     */
    public Optional<PooledKey> pick(ProviderConfig provider) {
        long now = nanoClock.getAsLong();
        List<PooledKey> keys = provider.keys().keys();
        int total = 0;
        for (PooledKey key : keys) {
            total += state(provider, key).usable(now) ? key.weight() : 0;
        }
        if (total == 0) {
            return Optional.empty();
        }
        int ticket = ThreadLocalRandom.current().nextInt(total);
        for (PooledKey key : keys) {
            if (state(provider, key).usable(now)) {
                ticket -= key.weight();
                if (ticket < 0) {
                    state(provider, key).picked();
                    return Optional.of(key);
                }
            }
        }
        return Optional.empty(); // unreachable unless a key changed state meanwhile
    }

    /** Whether some key of the provider's pool may be sent now (always true for a provider without a pool). */
    public boolean usable(ProviderConfig provider) {
        if (!provider.keys().pooled()) {
            return true;
        }
        long now = nanoClock.getAsLong();
        for (PooledKey key : provider.keys().keys()) {
            if (state(provider, key).usable(now)) {
                return true;
            }
        }
        return false;
    }

    /** When the first key of the pool becomes usable again, if none is now ({@link System#nanoTime} based). */
    public OptionalLong nextUsableNanos(ProviderConfig provider) {
        return provider.keys().keys().stream().mapToLong(key -> state(provider, key).usableAtNanos()).min();
    }

    /** The upstream rate-limited the key: it rests for {@code wait}, or the pool's default rest. */
    public void rateLimited(ProviderConfig provider, PooledKey key, Optional<Duration> wait) {
        Duration rest = wait.filter(w -> !w.isNegative() && !w.isZero()).orElse(provider.keys().restFor());
        state(provider, key).rest(nanoClock.getAsLong() + rest.toNanos());
    }

    /** The upstream refused the key (401, 403): it stays out for the pool's {@code disableFor}. */
    public void refused(ProviderConfig provider, PooledKey key) {
        if (state(provider, key).refuse(nanoClock.getAsLong() + provider.keys().disableFor().toNanos())) {
            LOG.warn("The upstream of provider '{}' refused its key '{}': it is set aside for {} while the other keys "
                    + "serve.", provider.name(), key.name(), provider.keys().disableFor());
        }
    }

    /** The key served an attempt (a refused key tried again after its time out is back for good). */
    public void succeeded(ProviderConfig provider, PooledKey key) {
        state(provider, key).succeeded();
    }

    /**
     * Makes the named key of the provider's pool usable again at once (an operator fixed it); false when the pool has
     * no key of that name.
     */
    public boolean reset(ProviderConfig provider, String keyName) {
        for (PooledKey key : provider.keys().keys()) {
            if (key.name().equals(keyName)) {
                states.put(id(provider, key), new KeyState());
                return true;
            }
        }
        return false;
    }

    /** Forgets the keys no longer in these providers' pools (after a reload). */
    public void retain(Collection<ProviderConfig> providers) {
        Set<String> live = new HashSet<>();
        for (ProviderConfig provider : providers) {
            provider.keys().keys().forEach(key -> live.add(id(provider, key)));
        }
        states.keySet().retainAll(live);
    }

    /** Every pooled key of these providers and its state, for the admin API; never a key itself. */
    public List<KeyStatus> statuses(Collection<ProviderConfig> providers) {
        long now = nanoClock.getAsLong();
        List<KeyStatus> out = new ArrayList<>();
        for (ProviderConfig provider : providers) {
            if (!provider.keys().pooled()) {
                continue;
            }
            for (PooledKey key : provider.keys().keys()) {
                KeyState state = state(provider, key);
                out.add(state.status(provider.name(), key, now, this::instantOf));
            }
        }
        return out;
    }

    private Instant instantOf(long nanos) {
        return baseInstant.plusNanos(nanos - baseNanos);
    }

    private KeyState state(ProviderConfig provider, PooledKey key) {
        return states.computeIfAbsent(id(provider, key), k -> new KeyState());
    }

    private static String id(ProviderConfig provider, PooledKey key) {
        return provider.name() + "\u0000" + key.fingerprint();
    }
}
