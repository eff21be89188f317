/**
 * How the replicas of one store agree on its governance revision: every change is announced on each channel that
 * reaches the others (Redis pub/sub, PostgreSQL notifications), each replica catches up and confirms, and the one that
 * made the change waits for the confirmations of every live replica, within a bound. Independent of what the revision
 * holds: the governance package supplies the catching up.
 */
package dev.junction.replica;
