/** Who may call the gateway: gateway keys from configuration and {@code JUNCTION_MASTER_KEY}. */
package dev.junction.auth;
