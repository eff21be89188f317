package dev.junction.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(SharedDatabases.class)
class AlertChannelRepositoryTest {

    @AllDialects
    void aChannelIsCreatedReplacedAndDeletedEachTimeMovingTheRevision(SqlDialect dialect) {
        GovernanceStore store = Fixtures.store(dialect);
        AlertChannelRepository channels = store.alertChannels();
        String name = Fixtures.unique("oncall");
        StoredAlertChannel first = new StoredAlertChannel(name, "feishu", "v1:gcm:dXJs", Optional.of("v1:gcm:c2Vj"));
        long before = store.revision().current();

        assertThat(channels.put(first)).as("it did not exist").isFalse();
        assertThat(channels.get(name)).contains(first);
        assertThat(channels.list()).contains(first);
        long created = store.revision().current();
        assertThat(created).isGreaterThan(before);

        StoredAlertChannel second = new StoredAlertChannel(name, "slack", "v1:gcm:b3RoZXI=", Optional.empty());
        assertThat(channels.put(second)).isTrue();
        assertThat(channels.get(name)).contains(second);
        assertThat(store.revision().current()).isGreaterThan(created);

        assertThat(channels.delete(name)).isTrue();
        assertThat(channels.get(name)).isEmpty();
        assertThat(channels.delete(name)).isFalse();
    }
}
