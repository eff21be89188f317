/**
 * Observability: the per-request record and its structured log line, the JSON log encoder, and the request log's
 * write-behind writer ({@link dev.junction.observe.RequestLogWriter}) with its disk spool.
 */
package dev.junction.observe;
