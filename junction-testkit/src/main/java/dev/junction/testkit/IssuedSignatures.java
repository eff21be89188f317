package dev.junction.testkit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import tools.jackson.databind.JsonNode;

/**
 * The thought signatures the mock has issued, so it can verify replayed history the way Anthropic,
 * Gemini and OpenAI's Responses API do: Anthropic {@code thinking} blocks must carry a signature the mock
 * issued; a Gemini {@code functionCall} the mock signed must come back with exactly that
 * {@code thoughtSignature}; a Responses {@code reasoning} item's {@code encrypted_content} must be one the
 * mock issued.
 * Signatures are opaque base64 strings, unique per request. Thread-safe.
 */
final class IssuedSignatures {

    private static final byte[] MARKER = "mock-sig:".getBytes(StandardCharsets.US_ASCII);

    private final Set<String> thinking = ConcurrentHashMap.newKeySet();
    private final Set<String> reasoning = ConcurrentHashMap.newKeySet();
    private final Map<FunctionCall, String> functionCalls = new ConcurrentHashMap<>();

    /** Issues and remembers the signature of an Anthropic thinking block. */
    String issueThinking(long sequence, String thoughts) {
        String signature = signature("anthropic", sequence, thoughts);
        thinking.add(signature);
        return signature;
    }

    boolean isIssuedThinking(String signature) {
        return thinking.contains(signature);
    }

    /**
     * Issues and remembers the {@code encrypted_content} of a Responses reasoning item: like OpenAI's, a
     * token starting {@code gAAAAA} that only its issuer can verify.
     */
    String issueReasoning(long sequence, String thoughts) {
        String encrypted = "gAAAAA" + signature("openai-responses", sequence, thoughts).replace('+', '-')
                .replace('/', '_');
        reasoning.add(encrypted);
        return encrypted;
    }

    boolean isIssuedReasoning(String encryptedContent) {
        return reasoning.contains(encryptedContent);
    }

    /** Issues a Gemini signature; when it goes on a function call, remembers it for that call. */
    String issueGemini(long sequence, String thoughts, Optional<FunctionCall> signedCall) {
        String signature = signature("gemini", sequence, thoughts);
        signedCall.ifPresent(call -> functionCalls.put(call, signature));
        return signature;
    }

    /** {@return the signature the mock put on this Gemini function call, empty if it signed none} */
    Optional<String> signatureOf(FunctionCall call) {
        return Optional.ofNullable(functionCalls.get(call));
    }

    void clear() {
        thinking.clear();
        reasoning.clear();
        functionCalls.clear();
    }

    private static String signature(String dialect, long sequence, String thoughts) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update((dialect + '|' + sequence + '|').getBytes(StandardCharsets.UTF_8));
            byte[] digest = sha.digest(thoughts.getBytes(StandardCharsets.UTF_8));
            byte[] signature = new byte[MARKER.length + digest.length];
            System.arraycopy(MARKER, 0, signature, 0, MARKER.length);
            System.arraycopy(digest, 0, signature, MARKER.length, digest.length);
            // Canonical base64: Gemini clients decode thoughtSignature to bytes and re-encode it.
            return Base64.getEncoder().encodeToString(signature);
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException("SHA-256 is required of every JVM", impossible);
        }
    }

    /**
     * A Gemini function call as a replay is recognised by: its name and its arguments compared as JSON
     * (key order does not matter).
     */
    record FunctionCall(String name, JsonNode args) {}
}
