package dev.junction.dialect.bedrock;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.AwsSessionCredentialsIdentity;

/**
 * AWS credentials for signing, fetched off the event loop and cached. Static keys from the configuration are used as
 * they are; otherwise the AWS SDK's {@link DefaultCredentialsProvider} chain resolves them (environment variables,
 * the shared profile file, web identity, container and instance credentials), and the SDK refreshes what expires.
 * A resolved identity is reused until shortly before its expiry, or for {@link #REUSE} when it has none, so the
 * worker pool is visited rarely. Thread safe; one per adapter.
 */
public final class BedrockCredentials {

    /** How long an identity without an expiry is reused before the chain is asked again. */
    static final Duration REUSE = Duration.ofMinutes(5);

    /** How long before its expiry an identity is replaced. */
    static final Duration MARGIN = Duration.ofMinutes(2);

    private final Vertx vertx;
    private final Clock clock;
    private final AtomicReference<AwsCredentialsProvider> chain = new AtomicReference<>();
    private final AtomicReference<Cached> cached = new AtomicReference<>();

    private record Cached(Future<AwsCredentialsIdentity> identity, Instant renewAt) {}

    public BedrockCredentials(Vertx vertx, Clock clock) {
        this.vertx = vertx;
        this.clock = clock;
    }

    /** The identity to sign a request to {@code platform} with. */
    public Future<AwsCredentialsIdentity> forPlatform(BedrockPlatform platform) {
        if (platform.accessKeyId().isPresent()) {
            String id = platform.accessKeyId().get().reveal();
            String secret = platform.secretAccessKey().orElseThrow().reveal();
            return Future.succeededFuture(platform.sessionToken()
                    .<AwsCredentialsIdentity>map(t -> AwsSessionCredentialsIdentity.create(id, secret, t.reveal()))
                    .orElseGet(() -> AwsCredentialsIdentity.create(id, secret)));
        }
        Instant now = clock.instant();
        Cached current = cached.get();
        if (current != null && now.isBefore(current.renewAt()) && !current.identity().failed()) {
            return current.identity();
        }
        Future<AwsCredentialsIdentity> fetched = vertx.executeBlocking(() -> {
            AwsCredentialsIdentity identity = provider().resolveCredentials();
            return identity;
        }, false);
        cached.set(new Cached(fetched, now.plus(REUSE)));
        fetched.onSuccess(identity -> identity.expirationTime().ifPresent(expiry -> {
            Instant renew = expiry.minus(MARGIN);
            cached.compareAndSet(new Cached(fetched, now.plus(REUSE)), new Cached(fetched,
                    renew.isBefore(now.plus(REUSE)) ? renew : now.plus(REUSE)));
        }));
        return fetched;
    }

    private AwsCredentialsProvider provider() {
        AwsCredentialsProvider p = chain.get();
        if (p == null) {
            chain.compareAndSet(null, DefaultCredentialsProvider.builder().build());
            p = chain.get();
        }
        return p;
    }
}
