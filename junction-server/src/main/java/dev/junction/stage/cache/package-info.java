/**
 * The response cache on the request path, in two stages around the governance stages: {@link
 * dev.junction.stage.cache.CacheLookupStage} (after the model scope: it has the caller and the route) looks the
 * request up and marks a hit ({@link dev.junction.pipeline.CacheHit}) for the limit, budget and cost stages;
 * {@link dev.junction.stage.cache.CacheStage} (right before execution) answers a hit, or stores a miss's answer when
 * the request ends well. The lookup itself is a {@link dev.junction.stage.cache.CacheLookup}: exact now, semantic
 * later.
 */
package dev.junction.stage.cache;
