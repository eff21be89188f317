package dev.junction.dialect.responses;

import dev.junction.model.ContentPart;
import java.util.Optional;

/**
 * Keeps reasoning a Responses client cannot otherwise carry between turns. A Responses client replays the
 * {@code reasoning} items of an answer on its next turn and keeps nothing else of them but their
 * {@code encrypted_content}. Reasoning of another provider (Anthropic's thinking text with its signature, redacted
 * thinking, a Gemini signature) is therefore sealed into that field, and opened byte-exact when the client sends it
 * back. OpenAI's own {@code encrypted_content} is never sealed: it travels issuer-tagged like any other signature.
 *
 * <p>The production seal (AES-GCM under the gateway's secret key) lives in the server, which alone holds the key;
 * {@link #PLAIN} is an unprotected stand-in for tests and embedded use. {@link SealedThinking} serialises the
 * thinking so that an implementation only has to encrypt bytes. Implementations must be thread safe and free of I/O.
 */
public interface ReasoningSeal {

    /**
     * Base64url JSON behind the prefix {@code jn1.plain.}: readable and forgeable by the client, so
     * only for tests and trusted embedding. A forged signature is still rejected by the provider that checks it.
     */
    ReasoningSeal PLAIN = new PlainReasoningSeal();

    /** An opaque value from which {@link #open} restores this thinking exactly: text, signature and redaction. */
    String seal(ContentPart.Thinking thinking);

    /**
     * The thinking sealed in {@code encrypted}, or empty when this seal did not make the value (OpenAI's own
     * {@code encrypted_content}, another gateway's seal, a value that was tampered with). Never throws.
     */
    Optional<ContentPart.Thinking> open(String encrypted);
}
