/**
 * Rate limits (requests and tokens per minute, concurrent requests) of keys, users, teams, tenants and deployments:
 * in memory on one node, or exact across replicas in Redis.
 */
package dev.junction.limit;
