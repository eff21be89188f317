/**
 * Budgets that cannot be overspent: a request reserves its worst-case cost before the upstream call and settles the
 * real cost after; the ledger is in memory on one node or shared in Redis across replicas.
 */
package dev.junction.budget;
