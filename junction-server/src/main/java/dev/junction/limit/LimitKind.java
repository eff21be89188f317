package dev.junction.limit;

/** What a limit counts. */
public enum LimitKind {
    /** Requests per minute. */
    REQUESTS,
    /** Tokens per minute (input and output together). */
    TOKENS,
    /** Requests in flight at once. */
    CONCURRENCY
}
