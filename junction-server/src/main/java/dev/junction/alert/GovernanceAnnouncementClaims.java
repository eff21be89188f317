package dev.junction.alert;

import dev.junction.governance.Governance;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Claims in the governance store, which every replica shares. When the store cannot answer (down, slow), the change
 * is announced anyway: a duplicate message is better than a silent outage.
 */
public final class GovernanceAnnouncementClaims implements AnnouncementClaims {

    private static final Logger LOG = LoggerFactory.getLogger(GovernanceAnnouncementClaims.class);
    private static final long TIMEOUT_SECONDS = 5;

    private final Governance governance;
    private final String replica;

    public GovernanceAnnouncementClaims(Governance governance, String replica) {
        this.governance = governance;
        this.replica = replica;
    }

    @Override
    public boolean claim(String rule, String subject, String state, Instant now, Duration window) {
        try {
            return governance.database().call(() -> governance.store().alertClaims()
                    .claim(rule, subject, state, replica, now, window)).get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        } catch (Exception e) {
            LOG.atWarn().addKeyValue("rule", rule).log("The alert claim could not be taken in the store; "
                    + "announcing without it: " + e.getClass().getSimpleName());
            return true;
        }
    }
}
