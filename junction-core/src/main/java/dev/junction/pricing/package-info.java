/**
 * What requests cost: the bundled, versioned catalog of list prices ({@link dev.junction.pricing.PriceCatalog}), and
 * the three cost layers of a request, metered, standard and charged ({@link dev.junction.pricing.CostCalculator},
 * {@link dev.junction.pricing.Costs}), in whole nano-dollars. A price itself is {@link dev.junction.routing.Price},
 * which routing reads too.
 */
package dev.junction.pricing;
