package dev.junction.stage.limit;

import dev.junction.limit.LimitDecision;
import dev.junction.limit.LimitKind;
import dev.junction.limit.LimitStatus;
import dev.junction.pipeline.ClientDialect;
import io.vertx.core.http.HttpServerResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/**
 * The caller's own rate limits in response headers, the way its SDK family names them: Anthropic clients get
 * {@code anthropic-ratelimit-{requests,tokens}-{limit,remaining,reset}} (reset as an RFC 3339 time), everyone else
 * OpenAI's {@code x-ratelimit-{limit,remaining,reset}-{requests,tokens}} (reset as a duration like {@code 1s} or
 * {@code 6m0s}).
 */
final class LimitHeaders {

    private LimitHeaders() {}

    /** The tightest request and token limits after an admitted request. */
    static void allowed(HttpServerResponse response, ClientDialect client, LimitDecision.Allowed allowed) {
        allowed.requests().ifPresent(s -> put(response, client, s));
        allowed.tokens().ifPresent(s -> put(response, client, s));
    }

    /** The limit that turned the request away: nothing remains until it resets. */
    static void denied(HttpServerResponse response, ClientDialect client, LimitDecision.Denied denied) {
        if (denied.kind() != LimitKind.CONCURRENCY) {
            put(response, client, new LimitStatus(denied.kind(), denied.limit(), 0, denied.retryAfter()));
        }
    }

    private static void put(HttpServerResponse response, ClientDialect client, LimitStatus status) {
        if (status.kind() == LimitKind.CONCURRENCY || response.headWritten()) {
            return;
        }
        String kind = status.kind() == LimitKind.REQUESTS ? "requests" : "tokens";
        String remaining = Long.toString(Math.max(0, status.remaining()));
        if (client == ClientDialect.ANTHROPIC) {
            String prefix = "anthropic-ratelimit-" + kind + "-";
            response.putHeader(prefix + "limit", Long.toString(status.limit()))
                    .putHeader(prefix + "remaining", remaining)
                    .putHeader(prefix + "reset", Instant.now().plus(status.resetIn()).truncatedTo(ChronoUnit.SECONDS)
                            .toString());
            return;
        }
        response.putHeader("x-ratelimit-limit-" + kind, Long.toString(status.limit()))
                .putHeader("x-ratelimit-remaining-" + kind, remaining)
                .putHeader("x-ratelimit-reset-" + kind, duration(status.resetIn()));
    }

    /** OpenAI's duration format: {@code 20ms}, {@code 1s}, {@code 6m0s}, {@code 1h2m3s}. */
    static String duration(Duration d) {
        long millis = Math.max(0, d.toMillis());
        if (millis < 1000) {
            return millis + "ms";
        }
        long seconds = (millis + 999) / 1000;
        long h = seconds / 3600;
        long m = seconds % 3600 / 60;
        long s = seconds % 60;
        StringBuilder out = new StringBuilder();
        if (h > 0) {
            out.append(h).append('h');
        }
        if (h > 0 || m > 0) {
            out.append(m).append('m');
        }
        return out.append(s).append('s').toString().toLowerCase(Locale.ROOT);
    }
}
