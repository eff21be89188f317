/**
 * The live event stream ({@code GET /api/admin/events}): every {@link dev.junction.events.GatewayEvent} as a
 * server-sent event named by its {@code kind()}, summarised without bodies or secrets. Each reader has a small
 * bounded queue; a reader that cannot keep up loses events and is told how many with a {@code lost} event, and never
 * slows the requests it watches.
 */
package dev.junction.live;
