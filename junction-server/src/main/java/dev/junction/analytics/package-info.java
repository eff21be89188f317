/**
 * Usage analytics: requests folded into additive rollups per minute, hour and day and dimension tuple, with
 * mergeable latency histograms, so rows written by any number of replicas add up and percentiles come from the
 * merged buckets at read time. Pure computation; the store writes and reads the rows.
 */
package dev.junction.analytics;
