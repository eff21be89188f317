package dev.junction.rotation;

import java.time.Instant;
import java.util.List;

/**
 * What one re-sealing pass did.
 *
 * @param examined stored records with sealed values looked at
 * @param resealed records rewritten with their values sealed under the active key
 * @param changedMeanwhile records an administrator changed while the pass ran (left as they are: they were just
 *     sealed under the active key; the next pass looks again)
 * @param failed records whose values could not be opened (under a key the ring no longer has, or altered), as
 *     {@code providers.<name>} or {@code alert_channels.<name>}; never a value
 * @param finishedAt when the pass ended
 */
public record ResealReport(int examined, int resealed, int changedMeanwhile, List<String> failed,
                           Instant finishedAt) {

    /** Copies the list. */
    public ResealReport {
        failed = List.copyOf(failed);
    }
}
