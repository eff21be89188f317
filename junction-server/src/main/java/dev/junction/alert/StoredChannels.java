package dev.junction.alert;

import dev.junction.config.AlertSettings;
import java.util.List;

/** The alert channels kept in the store (added through the admin API), beside the file's. */
public interface StoredChannels {

    /** None: a gateway whose channels all come from the file. */
    StoredChannels NONE = new StoredChannels() {
        @Override
        public long revision() {
            return 0;
        }

        @Override
        public List<AlertSettings.Channel> load() {
            return List.of();
        }
    };

    /** A number that changes whenever the stored channels may have changed. */
    long revision();

    /** The stored channels, their address and secret unsealed. Blocking: called on the alert thread. */
    List<AlertSettings.Channel> load();
}
