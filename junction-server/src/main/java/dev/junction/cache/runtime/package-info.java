/**
 * The response cache as the gateway runs it ({@link dev.junction.cache.runtime.ResponseCache}): the exact backend
 * ({@code cache}) and the semantic index ({@code cache.semantic}) chosen and started together, above both packages so
 * that neither depends on the other's wiring.
 */
package dev.junction.cache.runtime;
