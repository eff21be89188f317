/**
 * The HTTP server: listener, routes, request ids, health and readiness, and the graceful-shutdown drain. Handlers
 * run on Vert.x event loops and never block.
 */
package dev.junction.server;
