/**
 * Rotating the gateway's secret key without downtime: {@link dev.junction.rotation.SecretRotation} re-seals stored
 * secrets under the active key in the background ({@link dev.junction.rotation.Resealer}) and reports what still
 * depends on each key of the ring ({@link dev.junction.rotation.KeyRingReport}), so an operator knows when a previous
 * key can be retired. The keys themselves are {@link dev.junction.crypto.SecretKeyRing}'s.
 */
package dev.junction.rotation;
