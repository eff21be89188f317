package dev.junction.crypto;

import dev.junction.secret.Secret;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts provider secrets for storage with AES-256-GCM under the {@code "secrets"} sub-key of the {@link GatewaySecretKey}.
 * A sealed value reads {@code v1:<base64url(nonce || ciphertext || tag)>} with a random 12-byte nonce, so the same
 * secret seals differently each time; the tag makes any change to it, or a different key, fail to open.
 *
 * <p>Associated data binds a sealed value to where it is stored (say, the provider's id): opened with other associated
 * data, it fails, so a ciphertext copied from one record into another is useless. Random nonces are safe for far more
 * values than a gateway stores (NIST's bound is 2<sup>32</sup> per key).
 *
 * <p>Thread safe: each call uses its own {@link Cipher}.
 */
public final class SecretBox {

    private static final String VERSION = "v1:";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final byte[] NO_ASSOCIATED_DATA = new byte[0];

    private final SecretKey key;
    private final SecureRandom random = new SecureRandom();

    /** A box whose key is derived from {@code secretKey}; the secret key is not kept. */
    public SecretBox(GatewaySecretKey secretKey) {
        this.key = new SecretKeySpec(secretKey.derive("secrets"), "AES");
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
     * @throws IllegalStateException when the value is not a sealed secret, was altered, or was sealed under another key
     *     or with associated data
     */
    public Secret open(String sealed) {
        return open(sealed, NO_ASSOCIATED_DATA);
    }

    /**
     * Opens a value sealed with {@code associatedData}.
     *
     * @throws IllegalStateException when the value is not a sealed secret, was altered, or was sealed under another key
     *     or with other associated data
     */
    public Secret open(String sealed, String associatedData) {
        return open(sealed, associatedData.getBytes(StandardCharsets.UTF_8));
    }

    private String seal(String plaintext, byte[] associatedData) {
        Objects.requireNonNull(plaintext);
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = cipher(Cipher.ENCRYPT_MODE, nonce, associatedData);
            byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            byte[] out = ByteBuffer.allocate(NONCE_BYTES + sealed.length).put(nonce).put(sealed).array();
            return VERSION + Base64.getUrlEncoder().withoutPadding().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is unavailable in this JVM", e);
        }
    }

    private Secret open(String sealed, byte[] associatedData) {
        byte[] bytes = decode(sealed);
        try {
            Cipher cipher = cipher(Cipher.DECRYPT_MODE, Arrays.copyOf(bytes, NONCE_BYTES), associatedData);
            byte[] plain = cipher.doFinal(bytes, NONCE_BYTES, bytes.length - NONCE_BYTES);
            return Secret.of(new String(plain, StandardCharsets.UTF_8));
        } catch (AEADBadTagException e) {
            throw new IllegalStateException("cannot decrypt a stored secret: the secret key differs from the one it was"
                    + " encrypted with (or the stored value was altered, or belongs to another record)", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is unavailable in this JVM", e);
        }
    }

    private static byte[] decode(String sealed) {
        if (!sealed.startsWith(VERSION)) {
            throw notSealed();
        }
        byte[] bytes;
        try {
            bytes = Base64.getUrlDecoder().decode(sealed.substring(VERSION.length()));
        } catch (IllegalArgumentException e) {
            throw notSealed();
        }
        if (bytes.length < NONCE_BYTES + TAG_BITS / 8) {
            throw notSealed();
        }
        return bytes;
    }

    private static IllegalStateException notSealed() {
        // The value itself stays out of the message: a plaintext secret stored by mistake would otherwise be logged.
        return new IllegalStateException("cannot decrypt a stored secret: it is not a value sealed by this gateway"
                + " (expected v1:<base64url>)");
    }

    private Cipher cipher(int mode, byte[] nonce, byte[] associatedData) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, nonce));
        cipher.updateAAD(associatedData);
        return cipher;
    }
}
