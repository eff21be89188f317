package dev.junction.routing.health;

import java.time.Instant;
import java.util.Optional;

/**
 * What the admin API shows of one pooled key: never the key itself.
 *
 * @param provider the provider's name
 * @param key the key's name in the pool
 * @param weight its share of the attempts
 * @param state {@code active}, {@code resting} (after a 429) or {@code refused} (after a 401 or 403)
 * @param until when a resting or refused key is usable again
 * @param picks attempts it was chosen for since the process started
 * @param rateLimits 429s it received
 * @param refusals 401s and 403s it received
 */
public record KeyStatus(String provider, String key, int weight, String state, Optional<Instant> until, long picks,
                        long rateLimits, long refusals) {}
