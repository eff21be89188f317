package dev.junction.auth;

import dev.junction.crypto.VirtualKeys;
import dev.junction.governance.Caller;
import dev.junction.governance.GovernanceSnapshot;
import dev.junction.governance.KeyGrant;
import dev.junction.governance.KeyLookup;
import dev.junction.model.GatewayError;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/**
 * Finds the caller of a data-plane request: a virtual key ({@code jk-…}) by its keyed hash in the current governance
 * snapshot, checked for being enabled, unexpired and used from an allowed address; otherwise a configured gateway
 * key. A virtual key the snapshot does not know yet is looked up in the store ({@link KeyLookup}) before it is
 * refused: the snapshot may be a moment behind the replica that created it. Without a key, a {@link AccessMode closed}
 * gateway refuses the request and an open one serves it anonymously; a key that is presented and known is always
 * honoured, so its requests are attributed and budgeted even on an open gateway. Thread safe; never blocks: the
 * store lookup is answered as {@link Result.Pending}.
 */
public final class CallerAuthenticator {

    /** The outcome: a caller, the error to answer with, or a lookup under way. */
    public sealed interface Result {
        /** The key is good (or none is needed). */
        record Authenticated(Caller caller) implements Result {
        }

        /** The key is missing, unknown, disabled, expired or used from a refused address. */
        record Rejected(GatewayError error) implements Result {
        }

        /**
         * The key is being looked up in the store; the stage completes with an {@link Authenticated} or
         * {@link Rejected} result, on a database thread.
         */
        record Pending(CompletionStage<Result> result) implements Result {
        }
    }

    private static final GatewayError MISSING = new GatewayError.Unauthorized("Invalid or missing API key. Send it "
            + "as 'Authorization: Bearer <key>', 'X-Api-Key: <key>' or 'X-Goog-Api-Key: <key>'.");
    private static final Result ANONYMOUS = new Result.Authenticated(
            Caller.configured(KeyAuthenticator.Caller.ANONYMOUS.keyName()));

    private final KeyAuthenticator configured;
    private final AccessMode mode;
    private final Supplier<GovernanceSnapshot> snapshot;
    private final Optional<VirtualKeys> virtualKeys;
    private final Optional<KeyLookup> lookup;
    private final Clock clock;

    /**
     * @param configured the gateway keys of the configuration
     * @param mode whether callers without a key are served
     * @param snapshot the current governance snapshot
     * @param virtualKeys hashes presented virtual keys; empty when the gateway runs without a store
     * @param lookup finds keys the snapshot does not know yet; empty when the gateway runs without a store
     */
    public CallerAuthenticator(KeyAuthenticator configured, AccessMode mode, Supplier<GovernanceSnapshot> snapshot,
                               Optional<VirtualKeys> virtualKeys, Optional<KeyLookup> lookup, Clock clock) {
        this.configured = configured;
        this.mode = mode;
        this.snapshot = snapshot;
        this.virtualKeys = virtualKeys;
        this.lookup = lookup;
        this.clock = clock;
    }

    /** Whether callers without a key are refused, and why. */
    public AccessMode mode() {
        return mode;
    }

    /**
     * @param authorization the {@code Authorization} header, if any
     * @param apiKey the key from {@code X-Api-Key}, {@code X-Goog-Api-Key} or {@code ?key=}, if any
     * @param clientAddress the client's IP address
     */
    public Result authenticate(String authorization, String apiKey, String clientAddress) {
        Optional<String> presented = KeyAuthenticator.presented(authorization, apiKey);
        if (presented.isEmpty()) {
            return unknown();
        }
        String key = presented.get();
        if (virtualKeys.isPresent() && VirtualKeys.looksLikeVirtualKey(key)) {
            // One hash per secret key: a key made before a rotation is stored under a previous key's hash.
            List<String> hashes = virtualKeys.get().hashes(key);
            GovernanceSnapshot current = snapshot.get();
            for (String hash : hashes) {
                Optional<KeyGrant> grant = current.byHash(hash);
                if (grant.isPresent()) {
                    return admit(grant.get(), clientAddress);
                }
            }
            Optional<KeyAuthenticator.Caller> gatewayKey = configured.byKey(key); // a configured key of that shape
            if (gatewayKey.isPresent() || lookup.isEmpty()) {
                return gatewayKey.<Result>map(c -> new Result.Authenticated(Caller.configured(c.keyName())))
                        .orElseGet(this::unknown);
            }
            return new Result.Pending(find(lookup.get(), hashes, 0).handle((found, failure) -> failure != null
                    ? new Result.Rejected(unavailable(failure))
                    : found.map(g -> admit(g, clientAddress)).orElseGet(this::unknown)));
        }
        return configured.byKey(key).<Result>map(c -> new Result.Authenticated(Caller.configured(c.keyName())))
                .orElseGet(this::unknown);
    }

    /** The grant of the first of {@code hashes} (from {@code i}) the store has: one lookup per secret key at most. */
    private static CompletableFuture<Optional<KeyGrant>> find(KeyLookup lookup, List<String> hashes, int i) {
        CompletableFuture<Optional<KeyGrant>> found = lookup.find(hashes.get(i));
        return i + 1 == hashes.size() ? found
                : found.thenCompose(grant -> grant.isPresent() ? CompletableFuture.completedFuture(grant)
                        : find(lookup, hashes, i + 1));
    }

    private Result admit(KeyGrant grant, String clientAddress) {
        return grant.refusal(clock.instant(), clientAddress).<Result>map(Result.Rejected::new)
                .orElseGet(() -> new Result.Authenticated(Caller.of(grant)));
    }

    /** No key, or one nobody knows: refused when closed, anonymous when open. */
    private Result unknown() {
        return mode.closed() ? new Result.Rejected(MISSING) : ANONYMOUS;
    }

    private static GatewayError unavailable(Throwable failure) {
        Throwable cause = failure instanceof CompletionException c && c.getCause() != null ? c.getCause() : failure;
        String message = cause instanceof KeyLookup.Saturated
                ? "Too many new API keys are being checked at once; try again shortly."
                : "The API key could not be checked right now; try again shortly.";
        return new GatewayError.Unavailable(message, Optional.of(Duration.ofSeconds(1)));
    }
}
