package dev.junction.rotation;

import dev.junction.config.StoredProvider;
import dev.junction.config.StoredProviderSeals;
import dev.junction.crypto.SecretBox;
import dev.junction.store.GovernanceStore;
import dev.junction.store.RotationRepository;
import dev.junction.store.StoredAlertChannel;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * One pass over every stored record holding sealed values (providers' keys, header values and pooled keys; alert
 * channels' addresses and secrets): each value not sealed under the active key is sealed again under it, record by
 * record, each replacement a compare-and-set so that a concurrent administrator's write wins. Idempotent: replicas
 * may run passes at the same time. Blocking: run it on a database thread.
 */
final class Resealer {

    private final GovernanceStore store;
    private final RotationRepository rotation;
    private final SecretBox box;
    private final Clock clock;

    Resealer(GovernanceStore store, RotationRepository rotation, SecretBox box, Clock clock) {
        this.store = store;
        this.rotation = rotation;
        this.box = box;
        this.clock = clock;
    }

    ResealReport run() {
        Tally tally = new Tally();
        for (StoredProvider provider : store.providers().list()) {
            tally.record("providers." + provider.name(), provider, p -> StoredProviderSeals.resealed(p, box),
                    rotation::replaceProvider, !StoredProviderSeals.sealedValues(provider).isEmpty());
        }
        for (StoredAlertChannel channel : store.alertChannels().list()) {
            tally.record("alert_channels." + channel.name(), channel, this::resealed, rotation::replaceAlertChannel,
                    true);
        }
        return new ResealReport(tally.examined, tally.resealed, tally.changedMeanwhile, tally.failed,
                clock.instant());
    }

    /** The channel with its address and secret sealed under the active key; empty when both already are. */
    private Optional<StoredAlertChannel> resealed(StoredAlertChannel channel) {
        Optional<String> url = box.reseal(channel.urlCiphertext(),
                StoredAlertChannel.associatedData(channel.name(), "url"));
        Optional<String> secret = channel.secretCiphertext()
                .flatMap(s -> box.reseal(s, StoredAlertChannel.associatedData(channel.name(), "secret")));
        if (url.isEmpty() && secret.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new StoredAlertChannel(channel.name(), channel.type(), url.orElse(channel.urlCiphertext()),
                secret.isPresent() ? secret : channel.secretCiphertext()));
    }

    /** How a record is written back: compare and set. */
    private interface Replace<R> {
        boolean replace(R before, R after);
    }

    private static final class Tally {
        int examined;
        int resealed;
        int changedMeanwhile;
        final List<String> failed = new ArrayList<>();

        <R> void record(String path, R record, Function<R, Optional<R>> reseal, Replace<R> replace, boolean sealed) {
            if (!sealed) {
                return;
            }
            examined++;
            Optional<R> fresh;
            try {
                fresh = reseal.apply(record);
            } catch (IllegalStateException cannotOpen) {
                failed.add(path);
                return;
            }
            if (fresh.isEmpty()) {
                return;
            }
            if (replace.replace(record, fresh.get())) {
                resealed++;
            } else {
                changedMeanwhile++;
            }
        }
    }
}
