package dev.junction.alert;

/**
 * The alerting's counters since start (for metrics and the admin API). Each is exact; together they are not one cut.
 *
 * @param queued messages waiting for a try or a retry
 * @param delivered messages a receiver took
 * @param retried tries that failed in a way worth repeating and were repeated
 * @param deadLettered messages given up on: retries exhausted, refused, or the queue was full
 * @param droppedEvents bus events the rules never saw because their inbox was full
 * @param suppressed firings a cool-down held back
 * @param claimedElsewhere changes this replica found but left to the replica that claimed them first
 * @param openIncidents incidents open now
 */
public record AlertStats(long queued, long delivered, long retried, long deadLettered, long droppedEvents,
                         long suppressed, long claimedElsewhere, int openIncidents) {}
