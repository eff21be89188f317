package dev.junction.entity;

import java.util.Optional;

/**
 * Who a request is billed to: the virtual key and, through its user, the team and tenant. Requests made with a
 * configured gateway key (not a virtual key) carry only its name.
 *
 * @param keyName the key's display name (never the key)
 * @param keyId the virtual key's id, when the caller used one
 * @param userId the key's user
 * @param teamId the user's team, when the user is in one
 * @param tenantId the user's tenant
 */
public record Attribution(String keyName, Optional<String> keyId, Optional<String> userId, Optional<String> teamId,
                          Optional<String> tenantId) {

    /** A caller known only by the name of a configured key (or {@code anonymous} on an open gateway). */
    public static Attribution named(String keyName) {
        return new Attribution(keyName, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }
}
