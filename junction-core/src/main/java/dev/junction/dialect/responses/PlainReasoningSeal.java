package dev.junction.dialect.responses;

import dev.junction.model.ContentPart;
import java.util.Base64;
import java.util.Optional;

/** {@link ReasoningSeal#PLAIN}: {@code jn1.plain.} followed by the base64url of {@link SealedThinking}'s JSON. */
final class PlainReasoningSeal implements ReasoningSeal {

    static final String PREFIX = "jn1.plain.";

    @Override
    public String seal(ContentPart.Thinking thinking) {
        return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(SealedThinking.toBytes(thinking));
    }

    @Override
    public Optional<ContentPart.Thinking> open(String encrypted) {
        if (!encrypted.startsWith(PREFIX)) {
            return Optional.empty();
        }
        try {
            return SealedThinking.fromBytes(Base64.getUrlDecoder().decode(encrypted.substring(PREFIX.length())));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
