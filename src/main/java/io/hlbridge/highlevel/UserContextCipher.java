package io.hlbridge.highlevel;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * HighLevel's signed user context (a Marketplace app's SSO): the payload a Custom Page gets from its parent frame is
 * {@code CryptoJS.AES.encrypt(json, sharedSecret)}, CryptoJS's passphrase mode, which is OpenSSL's format:
 * {@code base64("Salted__" ‖ salt[8] ‖ AES-256-CBC/PKCS#7 ciphertext)}, key and IV from {@code EVP_BytesToKey} with MD5,
 * one iteration. Hand-written on the JDK's MD5 and AES because no maintained Java library reads this legacy format,
 * and the key derivation is ten lines.
 *
 * <p>
 * The format has no MAC: a wrong secret or a tampered blob shows only as bad padding or text that is not JSON, and
 * every such failure is the same empty answer, so that callers cannot become a padding oracle. Several secrets are
 * tried in order (the current one and, during a rotation, the previous one: the payload does not say which).
 */
public final class UserContextCipher {
    private static final byte[] SALTED = "Salted__".getBytes(StandardCharsets.US_ASCII);
    /** A user context is a few hundred bytes; anything much bigger is not one. */
    static final int MAX_PAYLOAD_CHARS = 16_384;

    private final List<byte[]> secrets;

    /** @param secrets the shared secrets accepted, current first; blank ones are left out */
    public UserContextCipher(List<String> secrets) {
        this.secrets = secrets.stream().filter(s -> s != null && !s.isBlank())
                .map(s -> s.getBytes(StandardCharsets.UTF_8)).toList();
    }

    /** Whether any secret is configured (without one, no payload can be read). */
    public boolean configured() {
        return !secrets.isEmpty();
    }

    /** The payload's plain text under the first secret it decrypts with; empty for anything else. */
    public Optional<String> decrypt(String payload) {
        if (payload == null || payload.length() > MAX_PAYLOAD_CHARS) {
            return Optional.empty();
        }
        byte[] blob;
        try {
            blob = Base64.getMimeDecoder().decode(payload.trim());
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (blob.length < 32 || (blob.length - 16) % 16 != 0
                || !Arrays.equals(Arrays.copyOf(blob, 8), SALTED)) {
            return Optional.empty();
        }
        byte[] salt = Arrays.copyOfRange(blob, 8, 16);
        for (byte[] secret : secrets) {
            try {
                byte[] keyIv = bytesToKey(secret, salt);
                Cipher aes = Cipher.getInstance("AES/CBC/PKCS5Padding");
                aes.init(Cipher.DECRYPT_MODE, new SecretKeySpec(keyIv, 0, 32, "AES"),
                        new IvParameterSpec(keyIv, 32, 16));
                byte[] plain = aes.doFinal(blob, 16, blob.length - 16);
                return Optional.of(new String(plain, StandardCharsets.UTF_8));
            } catch (GeneralSecurityException e) {
                // bad padding under this secret: the next one, or nothing
            }
        }
        return Optional.empty();
    }

    /** The payload as HighLevel's shell makes it (the sandbox's shell and the tests use it). */
    public static String encrypt(String plain, String secret, byte[] salt) throws GeneralSecurityException {
        byte[] keyIv = bytesToKey(secret.getBytes(StandardCharsets.UTF_8), salt);
        Cipher aes = Cipher.getInstance("AES/CBC/PKCS5Padding");
        aes.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(keyIv, 0, 32, "AES"), new IvParameterSpec(keyIv, 32, 16));
        byte[] cipher = aes.doFinal(plain.getBytes(StandardCharsets.UTF_8));
        byte[] blob = new byte[16 + cipher.length];
        System.arraycopy(SALTED, 0, blob, 0, 8);
        System.arraycopy(salt, 0, blob, 8, 8);
        System.arraycopy(cipher, 0, blob, 16, cipher.length);
        return Base64.getEncoder().encodeToString(blob);
    }

    /** OpenSSL's EVP_BytesToKey with MD5 and one iteration: 48 bytes, the key (32) then the IV (16). */
    private static byte[] bytesToKey(byte[] secret, byte[] salt) throws GeneralSecurityException {
        MessageDigest md5 = MessageDigest.getInstance("MD5");
        byte[] out = new byte[48];
        byte[] previous = new byte[0];
        for (int filled = 0; filled < out.length; filled += previous.length) {
            md5.update(previous);
            md5.update(secret);
            md5.update(salt);
            previous = md5.digest();
            System.arraycopy(previous, 0, out, filled, Math.min(previous.length, out.length - filled));
        }
        return out;
    }
}
