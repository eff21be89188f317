/**
 * Upstream providers as data: the bundled catalog of presets, a provider's resolved configuration (endpoint,
 * credential, auth style, parameter rules, timeouts) and the rules that rewrite a request body for a provider's
 * quirks. Adding an OpenAI-compatible provider is a catalog entry or a YAML block, never code.
 */
package dev.junction.provider;
