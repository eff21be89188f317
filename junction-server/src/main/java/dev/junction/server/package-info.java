/**
 * The HTTP server: listener, request ids, health and readiness, the graceful-shutdown drain, and the assembly of the
 * data plane (the {@link dev.junction.pipeline.Pipeline}s in their documented order, each endpoint's route). Only
 * assembles: no other package depends on it.
 */
package dev.junction.server;
