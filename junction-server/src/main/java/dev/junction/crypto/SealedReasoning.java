package dev.junction.crypto;

import dev.junction.dialect.responses.ReasoningSeal;
import dev.junction.dialect.responses.SealedThinking;
import dev.junction.model.ContentPart;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The gateway's {@link ReasoningSeal}: another provider's thinking (text, signature, redaction) sealed with AES-256-GCM
 * under the gateway's secret key, bound to its purpose, so that a Responses client can carry it between turns as
 * {@code encrypted_content} without reading or forging it. Every replica that shares the secret key opens what any
 * of them sealed. Thread safe; no I/O.
 */
public final class SealedReasoning implements ReasoningSeal {

    /** Marks the gateway's seals apart from OpenAI's own {@code encrypted_content}. */
    private static final String PREFIX = "jn1.box.";
    private static final String PURPOSE = "junction.reasoning";

    private final SecretBox box;

    public SealedReasoning(SecretBox box) {
        this.box = box;
    }

    @Override
    public String seal(ContentPart.Thinking thinking) {
        return PREFIX + box.seal(new String(SealedThinking.toBytes(thinking), StandardCharsets.UTF_8), PURPOSE);
    }

    @Override
    public Optional<ContentPart.Thinking> open(String encrypted) {
        if (encrypted == null || !encrypted.startsWith(PREFIX)) {
            return Optional.empty();
        }
        try {
            String json = box.open(encrypted.substring(PREFIX.length()), PURPOSE).reveal();
            return SealedThinking.fromBytes(json.getBytes(StandardCharsets.UTF_8));
        } catch (RuntimeException e) { // altered, sealed under another key, or not a seal at all
            return Optional.empty();
        }
    }
}
