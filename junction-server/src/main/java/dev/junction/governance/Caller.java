package dev.junction.governance;

import dev.junction.entity.Attribution;
import java.util.Optional;

/**
 * The authenticated caller of a data-plane request: a virtual key with its grant, or a configured gateway key (or
 * nobody, on an open gateway), which no budget or limit applies to.
 */
public record Caller(Attribution attribution, Optional<KeyGrant> grant) {

    /** A caller with a configured gateway key of this name. */
    public static Caller configured(String keyName) {
        return new Caller(Attribution.named(keyName), Optional.empty());
    }

    /** A caller with a virtual key. */
    public static Caller of(KeyGrant grant) {
        return new Caller(grant.attribution(), Optional.of(grant));
    }
}
