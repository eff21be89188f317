package dev.junction.admin;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Failed console sign-ins per client address, on this replica: after {@value #MAX_FAILURES} in
 * {@link #WINDOW} an address is refused (429) until its window passes, whichever accounts it tried, so that guessing
 * across many e-mails or admin keys is slowed as much as guessing one account's password (which
 * {@link SessionResource#LOCKOUT_AFTER} locks). Bounded in memory; thread safe.
 */
final class SignInThrottle {

    /** Failures an address may have in a window. */
    static final int MAX_FAILURES = 20;
    /** How long failures count. */
    static final Duration WINDOW = Duration.ofMinutes(15);

    private final Cache<String, AtomicInteger> failures;

    SignInThrottle(Clock clock) {
        this.failures = Caffeine.newBuilder().maximumSize(10_000).expireAfterWrite(WINDOW)
                .ticker(() -> clock.millis() * 1_000_000L).build();
    }

    /** Whether the address has used up its failures. */
    boolean blocked(String address) {
        AtomicInteger count = failures.getIfPresent(address);
        return count != null && count.get() >= MAX_FAILURES;
    }

    /** Counts a failure of the address (its window starts with its first failure). */
    void failed(String address) {
        failures.get(address, a -> new AtomicInteger()).incrementAndGet();
    }
}
