package dev.junction.rotation;

import java.util.List;
import java.util.Optional;

/**
 * What depends on each secret key: the answer to "can this previous key be retired?".
 *
 * @param activeKeyId the key everything new is sealed and hashed under
 * @param keys the configured keys, the active one first
 * @param unconfigured keys that stored hashes or values name but the ring does not have: what depends on them no
 *     longer works (virtual keys made under them are refused)
 * @param unknownKeyId hashes made before key ids were recorded, and values sealed in the first format, while the ring
 *     has more than one key (with one key they are given its id)
 * @param lastReseal the last re-sealing pass of this replica, if any finished
 * @param resealing whether a pass is running now
 */
public record KeyRingReport(String activeKeyId, List<KeyUse> keys, List<KeyUse> unconfigured, KeyUse unknownKeyId,
                            Optional<ResealReport> lastReseal, boolean resealing) {

    /**
     * What one key holds.
     *
     * @param id the key's id (its fingerprint)
     * @param active whether it is the active key
     * @param virtualKeys virtual keys hashed under it
     * @param serviceTokens service-account tokens hashed under it
     * @param sealedValues stored values sealed under it
     */
    public record KeyUse(String id, boolean active, long virtualKeys, long serviceTokens, long sealedValues) {

        /** Whether nothing depends on this key: as a previous key, it can be retired. */
        public boolean unused() {
            return virtualKeys == 0 && serviceTokens == 0 && sealedValues == 0;
        }
    }

    /** Copies the lists. */
    public KeyRingReport {
        keys = List.copyOf(keys);
        unconfigured = List.copyOf(unconfigured);
    }

    /** The previous keys nothing depends on any more (and nothing of unknown key id is left that might). */
    public List<String> retirable() {
        if (!unknownKeyId.unused()) {
            return List.of();
        }
        return keys.stream().filter(k -> !k.active() && k.unused()).map(KeyUse::id).toList();
    }
}
