package dev.junction.limit;

import java.time.Duration;

/**
 * Where one limit of one subject stands, for the {@code x-ratelimit-*} headers and {@code GET /v1/me}.
 *
 * @param kind what the limit counts
 * @param limit the limit: per minute for requests and tokens, at once for concurrency
 * @param remaining what may still be taken now (never negative, even when tokens are in debt)
 * @param resetIn how long until the bucket is full again (at a steady refill, no other traffic); zero for concurrency
 */
public record LimitStatus(LimitKind kind, long limit, long remaining, Duration resetIn) {
}
