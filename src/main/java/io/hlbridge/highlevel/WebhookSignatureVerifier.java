package io.hlbridge.highlevel;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/**
 * HighLevel's webhook signatures over the raw body: {@code x-ghl-signature} (Ed25519) and, only when that header
 * is absent or {@code N/A}, the legacy {@code x-wh-signature} (RSA, SHA-256, PKCS#1 v1.5).
 */
public final class WebhookSignatureVerifier {

    /** HighLevel's published Ed25519 key (marketplace webhook guide). */
    public static final String HIGHLEVEL_ED25519_KEY = "MCowBQYDK2VwAyEAi2HR1srL4o18O8BRa7gVJY7G7bupbN3H9AwJrHCDiOg=";

    /** HighLevel's published RSA-4096 key (docs/oauth/WebhookAuthentication.md). */
    public static final String HIGHLEVEL_RSA_KEY = "MIICIjANBgkqhkiG9w0BAQEFAAOCAg8AMIICCgKCAgEAokvo/r9tVgcfZ5DysOSC"
            + "Frm602qYV0MaAiNnX9O8KxMbiyRKWeL9JpCpVpt4XHIcBOK4u3cLSqJGOLaPuXw6dO0t6Q/ZVdAV5Phz+ZtzPL16iCGeK9po6D6JHBpbi989"
            + "mmzMryUnQJezlYJ3DVfBcsedpinheNnyYeFXolrJvcsjDtfAeRx5ByHQmTnSdFUzuAnC9/GepgLT9SM4nCpvuxmZMxrJt5Rw+VUaQ9B8JSvb"
            + "MPpez4peKaJPZHBbU3OdeCVx5klVXXZQGNHOs8gF3kvoV5rTnXV0IknLBXlcKKAQLZcY/Q9rG6Ifi9c+5vqlvHPCUJFT5XUGG5RKgOKUJ062fR"
            + "tN+rLYZUV+BjafxQauvC8wSWeYja63VSUruvmNj8xkx2zE/Juc+yjLjTXpIocmaiFeAO6fUtNjDeFVkhf5LNb59vECyrHD2SQIrhgXpO4Q3dVN"
            + "A5rw576PwTzNh/AMfHKIjE4xQA1SZuYJmNnmVZLIZBlQAF9Ntd03rfadZ+yDiOXCCs9FkHibELhCHULgCsnuDJHcrGNd5/Ddm5hxGQ0ASitgHe"
            + "MZ0kcIOwKDOzOU53lDza6/Y09T7sYJPQe7z0cvj7aE4B+Ax1ZoZGPzpJlZtGXCsu9aTEGEnKzmsFqwcSsnw3JB31IGKAykT1hhTiaCeIY/Owww"
            + "NUY2yvcCAwEAAQ==";

    public enum Result {
        VALID, MISSING, INVALID;
    }

    private final PublicKey ed25519;
    private final PublicKey rsa;

    public WebhookSignatureVerifier(String ed25519Key, String rsaKey) {
        this.ed25519 = parse(ed25519Key == null ? HIGHLEVEL_ED25519_KEY : ed25519Key, "Ed25519");
        this.rsa = parse(rsaKey == null ? HIGHLEVEL_RSA_KEY : rsaKey, "RSA");
    }

    public Result verify(byte[] body, String ghlSignature, String whSignature) {
        if (present(ghlSignature)) {
            return check("Ed25519", ed25519, body, ghlSignature, 64);
        }
        if (present(whSignature)) {
            return check("SHA256withRSA", rsa, body, whSignature, -1);
        }
        return Result.MISSING;
    }

    private static boolean present(String header) {
        return header != null && !header.isBlank() && !"N/A".equalsIgnoreCase(header.trim());
    }

    private static Result check(String algorithm, PublicKey key, byte[] body, String header, int expectedLength) {
        try {
            byte[] sig = Base64.getDecoder().decode(header.trim());
            if (expectedLength > 0 && sig.length != expectedLength) {
                return Result.INVALID;
            }
            Signature s = Signature.getInstance(algorithm);
            s.initVerify(key);
            s.update(body);
            return s.verify(sig) ? Result.VALID : Result.INVALID;
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            return Result.INVALID;
        }
    }

    /** Accepts a PEM block or the bare base64 of a SubjectPublicKeyInfo. */
    static PublicKey parse(String keyText, String algorithm) {
        String b64 = keyText.replaceAll("-----(BEGIN|END) PUBLIC KEY-----", "").replaceAll("\\s", "");
        try {
            return KeyFactory.getInstance(algorithm).generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(b64)));
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            throw new IllegalArgumentException("Not a " + algorithm + " public key (PEM or base64 SPKI expected): "
                    + keyText.lines().findFirst().orElse(""), e);
        }
    }
}
