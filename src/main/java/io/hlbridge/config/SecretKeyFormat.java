package io.hlbridge.config;

import java.util.Base64;

/**
 * What {@code bridge.secret-key} must be: base64 of 32 random bytes. Checked here, at start-up, and read here by the
 * store's sealing, so both say the same thing about a wrong key.
 */
public final class SecretKeyFormat {
    private SecretKeyFormat() {
    }

    /** The key's 32 bytes; a clear {@link IllegalArgumentException} naming the key and the fix otherwise. */
    public static byte[] decode(String text) {
        byte[] key;
        try {
            key = Base64.getDecoder().decode(text.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("bridge.secret-key is not base64; make one with: openssl rand -base64 32");
        }
        if (key.length != 32) {
            throw new IllegalArgumentException("bridge.secret-key must be 32 bytes (base64 of 32 random bytes, from"
                    + " openssl rand -base64 32), not " + key.length);
        }
        return key;
    }
}
