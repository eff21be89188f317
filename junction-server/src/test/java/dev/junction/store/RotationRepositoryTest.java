package dev.junction.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.config.StoredProvider;
import dev.junction.entity.User;
import java.util.Optional;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(SharedDatabases.class)
class RotationRepositoryTest {

    @AllDialects
    void hashesAreCountedByTheSecretKeyTheyWereMadeUnderAndUnknownOnesAdopted(SqlDialect dialect) {
        GovernanceStore store = Fixtures.store(dialect);
        Database database = SharedDatabases.get(dialect);
        RotationRepository rotation = new RotationRepository(database);
        String keyId = Fixtures.unique("kid");
        User user = Fixtures.newUser(store);

        store.keys().create(user.id(), "jk-a…b", Fixtures.keyHash(), keyId, Fixtures.key("one"));
        store.keys().create(user.id(), "jk-c…d", Fixtures.keyHash(), keyId, Fixtures.key("two"));
        String unknownHash = Fixtures.keyHash();
        store.keys().create(user.id(), "jk-e…f", unknownHash, Fixtures.key("three"));

        assertThat(rotation.virtualKeysByKeyId()).containsEntry(keyId, 2L)
                .containsKey(RotationRepository.UNKNOWN);
        String adopter = Fixtures.unique("only");
        assertThat(rotation.adoptUnknownHashes(adopter)).isPositive();
        assertThat(rotation.virtualKeysByKeyId()).containsEntry(keyId, 2L).doesNotContainKey(RotationRepository.UNKNOWN);
        String stamped = database.jdbi().withHandle(h -> h.createQuery("SELECT hash_key_id FROM virtual_keys WHERE "
                + "key_hash = :h").bind("h", unknownHash).mapTo(String.class).one());
        assertThat(stamped).isEqualTo(adopter);
    }

    @AllDialects
    void aReplacementLandsOnlyOnTheRecordAsItWasRead(SqlDialect dialect) {
        GovernanceStore store = Fixtures.store(dialect);
        RotationRepository rotation = new RotationRepository(SharedDatabases.get(dialect));
        String name = Fixtures.unique("prov");
        StoredProvider read = store.providers().create(new StoredProvider(name, "{\"models\":[\"m\"]}",
                Optional.of("v1:old")));
        StoredProvider resealed = new StoredProvider(name, "{\"models\":[\"m\"]}", Optional.of("v2:k:new"));

        assertThat(rotation.replaceProvider(read, resealed)).isTrue();
        assertThat(store.providers().get(name)).contains(resealed);
        assertThat(rotation.replaceProvider(read, new StoredProvider(name, "{}", Optional.of("v2:k:other"))))
                .as("the row is no longer what was read").isFalse();
        assertThat(store.providers().get(name)).contains(resealed);

        String keyless = Fixtures.unique("prov");
        StoredProvider none = store.providers().create(new StoredProvider(keyless, "{\"headers\":{\"a\":\"v1:x\"}}",
                Optional.empty()));
        StoredProvider headerResealed = new StoredProvider(keyless, "{\"headers\":{\"a\":\"v2:k:y\"}}",
                Optional.empty());
        assertThat(rotation.replaceProvider(none, headerResealed)).isTrue();
        assertThat(store.providers().get(keyless)).contains(headerResealed);

        String channel = Fixtures.unique("chan");
        StoredAlertChannel before = new StoredAlertChannel(channel, "slack", "v1:url", Optional.empty());
        store.alertChannels().put(before);
        StoredAlertChannel after = new StoredAlertChannel(channel, "slack", "v2:k:url", Optional.empty());
        assertThat(rotation.replaceAlertChannel(before, after)).isTrue();
        assertThat(rotation.replaceAlertChannel(before, after)).isFalse();
        assertThat(store.alertChannels().get(channel)).contains(after);
    }
}
