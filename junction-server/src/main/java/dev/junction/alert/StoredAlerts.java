package dev.junction.alert;

import dev.junction.config.AlertSettings;
import java.util.List;

/** The alert channels and rules kept in the store (added through the admin API), beside the file's. */
public interface StoredAlerts {

    /** None: a gateway whose channels and rules all come from the file. */
    StoredAlerts NONE = new StoredAlerts() {
        @Override
        public long revision() {
            return 0;
        }

        @Override
        public List<AlertSettings.Channel> channels() {
            return List.of();
        }

        @Override
        public List<AlertSettings.Rule> rules() {
            return List.of();
        }
    };

    /** A number that changes whenever the stored channels or rules may have changed. */
    long revision();

    /** The stored channels, their address and secret unsealed. Blocking: called on the alert thread. */
    List<AlertSettings.Channel> channels();

    /** The stored rules, read as the file's rules are. Blocking: called on the alert thread. */
    List<AlertSettings.Rule> rules();
}
