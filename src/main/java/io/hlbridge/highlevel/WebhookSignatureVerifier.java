package io.hlbridge.highlevel;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;

import org.bouncycastle.math.ec.rfc8032.Ed25519;

/**
 * HighLevel's webhook signatures over the raw body: {@code x-ghl-signature} (Ed25519) and, only when that header
 * is absent or {@code N/A}, the legacy {@code x-wh-signature} (RSA, SHA-256, PKCS#1 v1.5).
 */
public final class WebhookSignatureVerifier {

    /** HighLevel's published Ed25519 key (marketplace webhook guide). */
    public static final String HIGHLEVEL_ED25519_KEY = "MCowBQYDK2VwAyEAi2HR1srL4o18O8BRa7gVJY7G7bupbN3H9AwJrHCDiOg=";

    /** HighLevel's published RSA-4096 key (HighLevel's WebhookAuthentication.md, in its OAuth docs). */
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

    /** The Ed25519 key decoded once, for BouncyCastle's RFC 8032 verify (much cheaper than the JDK's on intake). */
    private final Ed25519.PublicPoint ed25519;
    private final PublicKey rsa;

    public WebhookSignatureVerifier(String ed25519Key, String rsaKey) {
        this.ed25519 = ed25519Point(parse(ed25519Key == null ? HIGHLEVEL_ED25519_KEY : ed25519Key, "Ed25519"));
        this.rsa = parse(rsaKey == null ? HIGHLEVEL_RSA_KEY : rsaKey, "RSA");
    }

    public Result verify(byte[] body, String ghlSignature, String whSignature) {
        if (present(ghlSignature)) {
            byte[] sig = decode(ghlSignature);
            return sig != null && sig.length == Ed25519.SIGNATURE_SIZE && Ed25519.verify(sig, 0, ed25519, body, 0, body.length)
                    ? Result.VALID : Result.INVALID;
        }
        if (present(whSignature)) {
            return checkRsa(body, whSignature);
        }
        return Result.MISSING;
    }

    private static boolean present(String header) {
        return header != null && !header.isBlank() && !"N/A".equalsIgnoreCase(header.trim());
    }

    private static byte[] decode(String header) {
        try {
            return Base64.getDecoder().decode(header.trim());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private Result checkRsa(byte[] body, String header) {
        byte[] sig = decode(header);
        if (sig == null) {
            return Result.INVALID;
        }
        try {
            Signature s = Signature.getInstance("SHA256withRSA");
            s.initVerify(rsa);
            s.update(body);
            return s.verify(sig) ? Result.VALID : Result.INVALID;
        } catch (GeneralSecurityException e) {
            return Result.INVALID;
        }
    }

    /** The last 32 bytes of an Ed25519 SubjectPublicKeyInfo are the key itself (RFC 8410). */
    private static Ed25519.PublicPoint ed25519Point(PublicKey key) {
        byte[] spki = key.getEncoded();
        Ed25519.PublicPoint point = Ed25519.validatePublicKeyFullExport(
                Arrays.copyOfRange(spki, spki.length - Ed25519.PUBLIC_KEY_SIZE, spki.length), 0);
        if (point == null) {
            throw new IllegalArgumentException("The Ed25519 webhook key is not a valid curve point");
        }
        return point;
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
