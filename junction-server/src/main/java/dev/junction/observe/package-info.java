/** Observability: the per-request record and its structured log line, and the JSON log encoder. */
package dev.junction.observe;
