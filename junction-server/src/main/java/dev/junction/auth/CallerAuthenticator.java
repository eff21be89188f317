package dev.junction.auth;

import dev.junction.crypto.VirtualKeys;
import dev.junction.governance.Caller;
import dev.junction.governance.GovernanceSnapshot;
import dev.junction.governance.KeyGrant;
import dev.junction.model.GatewayError;
import java.time.Clock;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Finds the caller of a data-plane request: a virtual key ({@code jk-…}) looked up by its keyed hash in the current
 * governance snapshot and checked for being enabled, unexpired and used from an allowed address; otherwise a
 * configured gateway key. With neither kind of key in existence the gateway is open. Never touches the database.
 * Thread safe.
 */
public final class CallerAuthenticator {

    /** The outcome: a caller, or the error to answer with. */
    public sealed interface Result {
        /** The key is good. */
        record Authenticated(Caller caller) implements Result {
        }

        /** The key is missing, unknown, disabled, expired or used from a refused address. */
        record Rejected(GatewayError error) implements Result {
        }
    }

    private static final GatewayError MISSING = new GatewayError.Unauthorized("Invalid or missing API key. Send it "
            + "as 'Authorization: Bearer <key>', 'X-Api-Key: <key>' or 'X-Goog-Api-Key: <key>'.");

    private final KeyAuthenticator configured;
    private final Supplier<GovernanceSnapshot> snapshot;
    private final Optional<VirtualKeys> virtualKeys;
    private final Clock clock;

    /**
     * @param configured the gateway keys of the configuration
     * @param snapshot the current governance snapshot
     * @param virtualKeys hashes presented virtual keys; empty when the gateway runs without a store
     */
    public CallerAuthenticator(KeyAuthenticator configured, Supplier<GovernanceSnapshot> snapshot,
                               Optional<VirtualKeys> virtualKeys, Clock clock) {
        this.configured = configured;
        this.snapshot = snapshot;
        this.virtualKeys = virtualKeys;
        this.clock = clock;
    }

    /** Whether a key is required: some configured or virtual key exists. */
    public boolean enforcing() {
        return configured.enforcing() || snapshot.get().hasVirtualKeys();
    }

    /**
     * @param authorization the {@code Authorization} header, if any
     * @param apiKey the key from {@code X-Api-Key}, {@code X-Goog-Api-Key} or {@code ?key=}, if any
     * @param clientAddress the client's IP address
     */
    public Result authenticate(String authorization, String apiKey, String clientAddress) {
        if (!enforcing()) {
            return new Result.Authenticated(Caller.configured(KeyAuthenticator.Caller.ANONYMOUS.keyName()));
        }
        Optional<String> presented = KeyAuthenticator.presented(authorization, apiKey);
        if (presented.isEmpty()) {
            return new Result.Rejected(MISSING);
        }
        String key = presented.get();
        if (virtualKeys.isPresent() && VirtualKeys.looksLikeVirtualKey(key)) {
            Optional<KeyGrant> grant = snapshot.get().byHash(virtualKeys.get().hash(key));
            if (grant.isPresent()) {
                Optional<GatewayError> refusal = grant.get().refusal(clock.instant(), clientAddress);
                return refusal.<Result>map(Result.Rejected::new)
                        .orElseGet(() -> new Result.Authenticated(Caller.of(grant.get())));
            }
            // A configured key may have the same shape: fall through to them.
        }
        return configured.byKey(key).<Result>map(c -> new Result.Authenticated(Caller.configured(c.keyName())))
                .orElse(new Result.Rejected(MISSING));
    }
}
