package io.hlbridge.store;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import io.hlbridge.config.SecretKeyFormat;

/**
 * Seals the secrets the store keeps (app passwords, HighLevel tokens) with AES-256-GCM under {@code bridge.secret-key}:
 * a random 96-bit nonce per value, and the value's place (which connection, which field) as associated data, so a
 * sealed value copied to another row or column does not open. The JDK's cipher; no library does this better.
 */
public final class SecretBox {
    private static final String VERSION = "v1:";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKeySpec key;

    private SecretBox(byte[] key) {
        this.key = new SecretKeySpec(key, "AES");
    }

    /** The value sealed with another key, or altered. */
    public static final class WrongKey extends Exception {
        WrongKey(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** A box for a key written as base64 of 32 bytes ({@code openssl rand -base64 32}). */
    public static SecretBox fromBase64(String text) {
        return new SecretBox(SecretKeyFormat.decode(text));
    }

    /** {@code plain} sealed for {@code place} (say {@code connection:alice:app-password}). */
    public String seal(String plain, String place) {
        try {
            byte[] nonce = new byte[NONCE_BYTES];
            RANDOM.nextBytes(nonce);
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            c.updateAAD(place.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = c.doFinal(plain.getBytes(StandardCharsets.UTF_8));
            return VERSION + Base64.getEncoder().encodeToString(ByteBuffer.allocate(nonce.length + sealed.length)
                    .put(nonce).put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available in this JVM", e);
        }
    }

    /** The value sealed for {@code place}; {@link WrongKey} when it was sealed with another key or altered. */
    public String open(String sealed, String place) throws WrongKey {
        if (sealed == null || !sealed.startsWith(VERSION)) {
            throw new WrongKey("not a value sealed by the bridge", null);
        }
        try {
            byte[] all = Base64.getDecoder().decode(sealed.substring(VERSION.length()));
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, all, 0, NONCE_BYTES));
            c.updateAAD(place.getBytes(StandardCharsets.UTF_8));
            return new String(c.doFinal(all, NONCE_BYTES, all.length - NONCE_BYTES), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            throw new WrongKey("the value does not open with this key", e);
        }
    }
}
