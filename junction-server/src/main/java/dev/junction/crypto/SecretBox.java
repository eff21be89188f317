package dev.junction.crypto;

import dev.junction.secret.Secret;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts provider secrets for storage with AES-256-GCM under the {@code "secrets"} sub-key of a
 * {@link GatewaySecretKey}. A sealed value reads {@code v2:<key id>:<base64url(nonce || ciphertext || tag)>} with a
 * random 12-byte nonce, so the same secret seals differently each time; the tag makes any change to it, or a
 * different key, fail to open. The key id names the {@link SecretKeyRing} key it was sealed under, so that a rotation
 * can tell what still needs re-sealing ({@link #reseal}); values of the first format, {@code v1:<base64url>}, name no
 * key and are opened by trying each key of the ring.
 *
 * <p>Associated data binds a sealed value to where it is stored (say, the provider's id): opened with other associated
 * data, it fails, so a ciphertext copied from one record into another is useless. Random nonces are safe for far more
 * values than a gateway stores (NIST's bound is 2<sup>32</sup> per key).
 *
 * <p>Thread safe: each call uses its own {@link Cipher}.
 */
public final class SecretBox {

    private static final String V1 = "v1:";
    private static final String V2 = "v2:";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final byte[] NO_ASSOCIATED_DATA = new byte[0];

    private final String activeId;
    private final Map<String, SecretKey> keys;
    private final SecureRandom random = new SecureRandom();

    /** A box whose key is derived from {@code secretKey}; the secret key is not kept. */
    public SecretBox(GatewaySecretKey secretKey) {
        this(SecretKeyRing.of(secretKey));
    }

    /** A box that seals under the ring's active key and opens under any of its keys. */
    public SecretBox(SecretKeyRing ring) {
        this.activeId = ring.activeId();
        Map<String, SecretKey> derived = new LinkedHashMap<>();
        for (GatewaySecretKey key : ring.keys()) {
            derived.put(key.fingerprint(), new SecretKeySpec(key.derive("secrets"), "AES"));
        }
        this.keys = derived;
    }

    /** Whether {@code value} has the form of a sealed value (of either format); says nothing about opening it. */
    public static boolean isSealed(String value) {
        return value != null && (value.startsWith(V1) || value.startsWith(V2));
    }

    /**
     * The id of the key a sealed value names: empty for the first format, which names none (and for what is not a
     * sealed value).
     */
    public static Optional<String> keyIdOf(String sealed) {
        if (sealed == null || !sealed.startsWith(V2)) {
            return Optional.empty();
        }
        int end = sealed.indexOf(':', V2.length());
        return end < 0 ? Optional.empty() : Optional.of(sealed.substring(V2.length(), end));
    }

    /** The id of the key new values are sealed under. */
    public String activeKeyId() {
        return activeId;
    }

    /** Seals {@code plaintext} without associated data; open it with {@link #open(String)}. */
    public String seal(String plaintext) {
        return seal(plaintext, NO_ASSOCIATED_DATA);
    }

    /**
     * Seals {@code plaintext} bound to {@code associatedData}, which is not stored: {@link #open(String, String)} must be
     * given the same.
     */
    public String seal(String plaintext, String associatedData) {
        return seal(plaintext, associatedData.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Opens a value sealed without associated data.
     *
     * @throws IllegalStateException when the value is not a sealed secret, was altered, or was sealed under a key the
     *     ring does not have, or with associated data
     */
    public Secret open(String sealed) {
        return open(sealed, NO_ASSOCIATED_DATA);
    }

    /**
     * Opens a value sealed with {@code associatedData}.
     *
     * @throws IllegalStateException when the value is not a sealed secret, was altered, or was sealed under a key the
     *     ring does not have, or with other associated data
     */
    public Secret open(String sealed, String associatedData) {
        return open(sealed, associatedData.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The value sealed again under the active key, when it was sealed under another key (or in the first format);
     * empty when it already is under the active key.
     *
     * @throws IllegalStateException when it cannot be opened (see {@link #open(String, String)})
     */
    public Optional<String> reseal(String sealed, String associatedData) {
        if (keyIdOf(sealed).filter(activeId::equals).isPresent()) {
            return Optional.empty();
        }
        return Optional.of(seal(open(sealed, associatedData).reveal(), associatedData));
    }

    private String seal(String plaintext, byte[] associatedData) {
        Objects.requireNonNull(plaintext);
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = cipher(keys.get(activeId), Cipher.ENCRYPT_MODE, nonce, associatedData);
            byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            byte[] out = ByteBuffer.allocate(NONCE_BYTES + sealed.length).put(nonce).put(sealed).array();
            return V2 + activeId + ":" + Base64.getUrlEncoder().withoutPadding().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is unavailable in this JVM", e);
        }
    }

    private Secret open(String sealed, byte[] associatedData) {
        if (sealed.startsWith(V2)) {
            String id = keyIdOf(sealed).orElseThrow(SecretBox::notSealed);
            SecretKey key = keys.get(id);
            if (key == null) {
                throw new IllegalStateException("cannot decrypt a stored secret: it was encrypted under secret key "
                        + id + ", which is neither the secret key nor one of the previous secret keys configured");
            }
            return open(key, decode(sealed.substring(V2.length() + id.length() + 1)), associatedData)
                    .orElseThrow(SecretBox::badTag);
        }
        if (!sealed.startsWith(V1)) {
            throw notSealed();
        }
        byte[] bytes = decode(sealed.substring(V1.length()));
        for (SecretKey key : keys.values()) {
            Optional<Secret> opened = open(key, bytes, associatedData);
            if (opened.isPresent()) {
                return opened.get();
            }
        }
        throw badTag();
    }

    /** The plaintext, or empty when the tag does not match (another key, other associated data, or altered). */
    private static Optional<Secret> open(SecretKey key, byte[] bytes, byte[] associatedData) {
        try {
            Cipher cipher = cipher(key, Cipher.DECRYPT_MODE, Arrays.copyOf(bytes, NONCE_BYTES), associatedData);
            byte[] plain = cipher.doFinal(bytes, NONCE_BYTES, bytes.length - NONCE_BYTES);
            return Optional.of(Secret.of(new String(plain, StandardCharsets.UTF_8)));
        } catch (AEADBadTagException e) {
            return Optional.empty();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is unavailable in this JVM", e);
        }
    }

    private static byte[] decode(String encoded) {
        byte[] bytes;
        try {
            bytes = Base64.getUrlDecoder().decode(encoded);
        } catch (IllegalArgumentException e) {
            throw notSealed();
        }
        if (bytes.length < NONCE_BYTES + TAG_BITS / 8) {
            throw notSealed();
        }
        return bytes;
    }

    private static IllegalStateException badTag() {
        return new IllegalStateException("cannot decrypt a stored secret: the secret key differs from the one it was"
                + " encrypted with (or the stored value was altered, or belongs to another record)");
    }

    private static IllegalStateException notSealed() {
        // The value itself stays out of the message: a plaintext secret stored by mistake would otherwise be logged.
        return new IllegalStateException("cannot decrypt a stored secret: it is not a value sealed by this gateway"
                + " (expected v2:<key id>:<base64url>)");
    }

    private static Cipher cipher(SecretKey key, int mode, byte[] nonce, byte[] associatedData)
            throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, nonce));
        cipher.updateAAD(associatedData);
        return cipher;
    }
}
