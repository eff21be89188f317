package dev.junction.testkit;

import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The Microsoft Entra ID tokens the mock issued, so that {@link AzureWire} accepts exactly those as bearer
 * credentials, with the number of token requests (to prove a gateway caches and refreshes), the lifetime it
 * announces, and the client secret it expects. Thread safe: every server instance of one mock shares it.
 * {@link MockUpstream#reset()} leaves it alone, so that a gateway's cached token stays valid across tests.
 */
final class EntraTokens {

    private final Set<String> issued = ConcurrentHashMap.newKeySet();
    private final AtomicLong requests = new AtomicLong();
    private final AtomicInteger expiresInSeconds = new AtomicInteger(3599);
    private volatile Optional<String> expectedSecret = Optional.empty();

    /** Counts a token request. */
    void requested() {
        requests.incrementAndGet();
    }

    long requests() {
        return requests.get();
    }

    /** A new token, valid from now on. */
    String issue() {
        String token = "eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.mock-entra-" + requests.get() + "-"
                + Long.toHexString(System.nanoTime());
        issued.add(token);
        return token;
    }

    /** Revokes every token issued so far: Azure answers 401 to them. */
    void revokeAll() {
        issued.clear();
    }

    boolean valid(String token) {
        return issued.contains(token);
    }

    int expiresInSeconds() {
        return expiresInSeconds.get();
    }

    void expiresInSeconds(int seconds) {
        expiresInSeconds.set(seconds);
    }

    /** Whether the client secret is accepted: any non-empty one, or only the one a test set. */
    boolean accepts(String secret) {
        return !secret.isEmpty() && expectedSecret.map(secret::equals).orElse(true);
    }

    void expectSecret(String secret) {
        expectedSecret = Optional.of(secret);
    }
}
