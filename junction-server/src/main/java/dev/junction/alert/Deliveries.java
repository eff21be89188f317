package dev.junction.alert;

import dev.junction.alert.channel.AlertMessage;
import dev.junction.alert.channel.Channel;
import dev.junction.alert.channel.Outgoing;
import dev.junction.config.AlertSettings;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends messages off the request path, with the JDK's HTTP client (its own threads; never a Vert.x event loop). At
 * most {@code queue} messages are in flight or waiting for a retry; one more is a dead letter at once. A try that
 * fails in a way worth repeating (a 5xx, a 429, a timeout, a lost connection) is retried after the backoff, doubled
 * each time, up to {@code retries} times; then, or on any other refusal, the message is a dead letter. Logs name the
 * channel only: addresses and signatures carry credentials.
 */
final class Deliveries implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Deliveries.class);

    private final AlertSettings.Delivery settings;
    private final Clock clock;
    private final ScheduledExecutorService scheduler;
    private final HttpClient http;
    private final AtomicInteger pending = new AtomicInteger();
    private final AtomicLong delivered = new AtomicLong();
    private final AtomicLong retried = new AtomicLong();
    private final AtomicLong deadLettered = new AtomicLong();

    Deliveries(AlertSettings.Delivery settings, Clock clock, ScheduledExecutorService scheduler) {
        this.settings = settings;
        this.clock = clock;
        this.scheduler = scheduler;
        this.http = HttpClient.newBuilder().connectTimeout(settings.timeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** Queues {@code message} for {@code channel}, with retries; the stage completes once it is over. */
    CompletableFuture<DeliveryResult> send(Channel channel, AlertMessage message) {
        if (pending.incrementAndGet() > settings.queueSize()) {
            pending.decrementAndGet();
            deadLettered.incrementAndGet();
            LOG.atWarn().addKeyValue("channel", channel.name()).log("An alert was dropped: the delivery queue is full");
            return CompletableFuture.completedFuture(new DeliveryResult(channel.name(), false, 0, Optional.empty(),
                    Optional.of("the delivery queue is full")));
        }
        CompletableFuture<DeliveryResult> done = new CompletableFuture<>();
        attempt(channel, message, 1, settings.retries(), true, done);
        return done.whenComplete((r, e) -> pending.decrementAndGet());
    }

    /** One try, no retry (the admin API's test): the answer tells the operator what the receiver said. */
    CompletableFuture<DeliveryResult> tryOnce(Channel channel, AlertMessage message) {
        CompletableFuture<DeliveryResult> done = new CompletableFuture<>();
        attempt(channel, message, 1, 0, false, done);
        return done;
    }

    /** @param counted whether the outcome counts in the delivered and dead-letter counters (not for tests) */
    private void attempt(Channel channel, AlertMessage message, int tryNo, int retries, boolean counted,
                         CompletableFuture<DeliveryResult> done) {
        HttpRequest request;
        try {
            Outgoing out = channel.render(message, clock.instant());
            HttpRequest.Builder b = HttpRequest.newBuilder(out.uri()).timeout(settings.timeout())
                    .header("content-type", "application/json; charset=utf-8")
                    .header("user-agent", "junction-alerts")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(out.body()));
            out.headers().forEach(b::header);
            request = b.build();
        } catch (RuntimeException e) {
            finish(channel, counted, done, new DeliveryResult(channel.name(), false, tryNo, Optional.empty(),
                    Optional.of("the message could not be built: " + e.getClass().getSimpleName())));
            return;
        }
        http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).whenComplete((response, failure) -> {
            boolean worthRetrying;
            DeliveryResult result;
            if (failure != null) {
                Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                        ? failure.getCause() : failure;
                worthRetrying = cause instanceof IOException;
                result = new DeliveryResult(channel.name(), false, tryNo, Optional.empty(),
                        Optional.of(reason(cause)));
            } else {
                int status = response.statusCode();
                boolean ok = status >= 200 && status < 300 && channel.accepted(response.body());
                worthRetrying = status >= 500 || status == 429;
                result = new DeliveryResult(channel.name(), ok, tryNo, Optional.of(status), ok ? Optional.empty()
                        : Optional.of(status >= 200 && status < 300 ? "refused by the receiver" : "HTTP " + status));
            }
            if (result.delivered()) {
                finish(channel, counted, done, result);
            } else if (worthRetrying && tryNo <= retries && !scheduler.isShutdown()) {
                retried.incrementAndGet();
                long delay = settings.backoff().toMillis() << Math.min(tryNo - 1, 16);
                scheduler.schedule(() -> attempt(channel, message, tryNo + 1, retries, counted, done), delay,
                        TimeUnit.MILLISECONDS);
            } else {
                finish(channel, counted, done, result);
            }
        });
    }

    private void finish(Channel channel, boolean counted, CompletableFuture<DeliveryResult> done,
                        DeliveryResult result) {
        if (result.delivered()) {
            if (counted) {
                delivered.incrementAndGet();
            }
        } else {
            if (counted) {
                deadLettered.incrementAndGet();
            }
            LOG.atWarn().addKeyValue("channel", channel.name()).addKeyValue("tries", result.tries())
                    .addKeyValue("error", result.error().orElse("")).log("An alert could not be delivered");
        }
        done.complete(result);
    }

    int queued() {
        return pending.get();
    }

    long delivered() {
        return delivered.get();
    }

    long retried() {
        return retried.get();
    }

    long deadLettered() {
        return deadLettered.get();
    }

    /** The timeout of one try (the longest a test send waits, with some room). */
    Duration timeout() {
        return settings.timeout();
    }

    @Override
    public void close() {
        http.shutdownNow();
    }

    /**
     * Why a try failed, in words an operator can act on. Never the address (it is a credential) nor the exception's
     * own message (which may quote it); the exception's class is logged beside it.
     */
    static String reason(Throwable cause) {
        Throwable root = cause;
        while (root.getCause() != null && root.getCause() != root) {
            if (root instanceof java.net.UnknownHostException) {
                break;
            }
            root = root.getCause();
        }
        if (cause instanceof java.net.http.HttpConnectTimeoutException) {
            return "connecting to the receiver timed out";
        }
        if (cause instanceof java.net.http.HttpTimeoutException) {
            return "the receiver did not answer in time";
        }
        if (cause instanceof java.net.UnknownHostException || root instanceof java.net.UnknownHostException) {
            return "the receiver's host name did not resolve";
        }
        if (cause instanceof java.net.ConnectException || root instanceof java.net.ConnectException) {
            return "could not connect to the receiver (the connection was refused or nothing answers there)";
        }
        if (cause instanceof javax.net.ssl.SSLException || root instanceof javax.net.ssl.SSLException) {
            return "TLS with the receiver failed";
        }
        if (cause instanceof IOException) {
            return "the connection to the receiver failed (" + cause.getClass().getSimpleName() + ")";
        }
        return "the message could not be sent (" + cause.getClass().getSimpleName() + ")";
    }
}
