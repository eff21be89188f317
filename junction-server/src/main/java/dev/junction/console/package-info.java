/**
 * The web console's delivery: the single-page app's built files, which the {@code junction-console} module puts in
 * the jar under {@code dev/junction/console/}, served at {@code /console/} with strict security headers
 * ({@link dev.junction.console.ConsoleAssets}). The console itself only talks to the public admin API.
 */
package dev.junction.console;
