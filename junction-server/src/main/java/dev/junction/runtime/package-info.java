/**
 * {@link dev.junction.runtime.GatewayRuntime}: what the data plane derives from one configuration (resolver, route
 * executor, adapters, authenticator, redactor) next to the long-lived governance. Swapped whole on a reload.
 */
package dev.junction.runtime;
