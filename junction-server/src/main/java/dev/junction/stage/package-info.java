/**
 * The built-in stages of the request path, one concern per sub-package, each a {@link dev.junction.pipeline.Stage}
 * like any extension: {@code record} (the log line and request-log row), {@code auth} (who is calling), {@code route}
 * (which route serves the model, and running it), {@code access} (may the caller use it), {@code limit} (rate limits),
 * {@code budget} (reserve and settle), {@code cost} (the three cost layers). Their order is set where the server
 * assembles its pipelines ({@code dev.junction.server.Pipelines}) and drawn in {@code docs/architecture.md}.
 */
package dev.junction.stage;
