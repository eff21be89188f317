package dev.junction.extension;

import java.util.Optional;

/**
 * Who a request is attributed to, as extensions see it: names and ids, never a key.
 *
 * @param keyName the name of the gateway or virtual key used ({@code -} before authentication)
 * @param userId the key's user, when it has one
 * @param teamId the user's team, when it is in one
 * @param tenantId the user's tenant, when known
 */
public record CallerInfo(String keyName, Optional<String> userId, Optional<String> teamId,
                         Optional<String> tenantId) {

    /** A caller known by a key name only. */
    public static CallerInfo named(String keyName) {
        return new CallerInfo(keyName, Optional.empty(), Optional.empty(), Optional.empty());
    }
}
