/**
 * Key material the gateway keeps: the secret key ({@code JUNCTION_SECRET_KEY} or a generated key file) and what is
 * derived from it: encryption of provider secrets at rest ({@link dev.junction.crypto.SecretBox}) and virtual keys,
 * stored only as keyed hashes ({@link dev.junction.crypto.VirtualKeys}). Only the JDK's own cryptography is used.
 */
package dev.junction.crypto;
