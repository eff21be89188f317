/**
 * Configuration: the YAML file (with {@code ${VAR}} substitution), the zero-config environment
 * ({@code OPENAI_API_KEY} and friends), and their validation into an immutable {@link dev.junction.config.GatewayConfig}.
 * Every problem is reported at once.
 */
package dev.junction.config;
