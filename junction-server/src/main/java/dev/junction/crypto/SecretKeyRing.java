package dev.junction.crypto;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The gateway's secret keys: the active one, which seals every new value and makes every new hash, and the previous
 * ones, kept so that what was sealed or hashed under them stays readable while a rotation runs. Each key is known by
 * its id, its {@linkplain GatewaySecretKey#fingerprint() fingerprint}: derived from the key, it cannot be given to
 * the wrong key by mistake, and two replicas with the same keys agree on it without being told.
 *
 * <p>Rotating is therefore: make a new key known to every replica as a previous key, then make it the active one
 * (and the old one previous) replica by replica; values sealed under the old key are re-sealed in the background,
 * and hashes keep working under the key they were made with until the old key is retired. Immutable, thread safe.
 */
public final class SecretKeyRing {

    private final GatewaySecretKey active;
    private final Map<String, GatewaySecretKey> byId;

    private SecretKeyRing(GatewaySecretKey active, List<GatewaySecretKey> previous) {
        this.active = active;
        Map<String, GatewaySecretKey> keys = new LinkedHashMap<>();
        keys.put(active.fingerprint(), active);
        previous.forEach(k -> keys.putIfAbsent(k.fingerprint(), k));
        this.byId = keys;
    }

    /** A ring of one key. */
    public static SecretKeyRing of(GatewaySecretKey only) {
        return new SecretKeyRing(only, List.of());
    }

    /** A ring whose active key is {@code active}; a previous key equal to it is ignored. */
    public static SecretKeyRing of(GatewaySecretKey active, List<GatewaySecretKey> previous) {
        return new SecretKeyRing(active, previous);
    }

    /**
     * Loads the ring: the active key as {@link GatewaySecretKey#load} does (the given value, else the key file), and
     * the previous keys from their values.
     *
     * @throws IllegalStateException when a key is too weak or the key file cannot be used; messages carry no key
     */
    public static SecretKeyRing load(Optional<String> active, List<String> previous, Path keyFile) {
        GatewaySecretKey key = GatewaySecretKey.load(active, keyFile);
        List<GatewaySecretKey> older = new ArrayList<>();
        for (int i = 0; i < previous.size(); i++) {
            older.add(GatewaySecretKey.of(previous.get(i), "previous secret key #" + (i + 1)));
        }
        return new SecretKeyRing(key, older);
    }

    /** The key that seals and hashes everything new. */
    public GatewaySecretKey active() {
        return active;
    }

    /** The active key's id. */
    public String activeId() {
        return active.fingerprint();
    }

    /** Every key, the active one first. */
    public List<GatewaySecretKey> keys() {
        return List.copyOf(byId.values());
    }

    /** The ids of every key, the active one first. */
    public List<String> ids() {
        return List.copyOf(byId.keySet());
    }

    /** The key with this id, if the ring has it. */
    public Optional<GatewaySecretKey> byId(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    /** Whether the active key was generated just now (see {@link GatewaySecretKey#generated()}). */
    public boolean generated() {
        return active.generated();
    }

    /** The sub-key for {@code purpose} under every key, the active one first. */
    public List<byte[]> derive(String purpose) {
        return byId.values().stream().map(k -> k.derive(purpose)).toList();
    }

    @Override
    public String toString() {
        return "SecretKeyRing[active=" + activeId() + ", keys=" + ids() + "]";
    }
}
