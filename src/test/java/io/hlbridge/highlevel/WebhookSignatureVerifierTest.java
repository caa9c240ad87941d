package io.hlbridge.highlevel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.util.Base64;

import org.junit.jupiter.api.Test;

class WebhookSignatureVerifierTest {
    private static final byte[] BODY = "{\"webhookId\":\"w1\"}".getBytes(StandardCharsets.UTF_8);

    static String sign(String alg, KeyPair k, byte[] body) throws Exception {
        Signature s = Signature.getInstance(alg);
        s.initSign(k.getPrivate());
        s.update(body);
        return Base64.getEncoder().encodeToString(s.sign());
    }

    @Test
    void ed25519FirstRsaOnlyWhenTheNewHeaderIsAbsentOrNa() throws Exception {
        KeyPair ed = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        KeyPairGenerator rg = KeyPairGenerator.getInstance("RSA");
        rg.initialize(2048);
        KeyPair rsa = rg.generateKeyPair();
        String pem = "-----BEGIN PUBLIC KEY-----\n" + Base64.getMimeEncoder().encodeToString(rsa.getPublic().getEncoded())
                + "\n-----END PUBLIC KEY-----";
        WebhookSignatureVerifier v = new WebhookSignatureVerifier(
                Base64.getEncoder().encodeToString(ed.getPublic().getEncoded()), pem);
        String edSig = sign("Ed25519", ed, BODY);
        String rsaSig = sign("SHA256withRSA", rsa, BODY);

        assertEquals(WebhookSignatureVerifier.Result.VALID, v.verify(BODY, edSig, null));
        assertEquals(WebhookSignatureVerifier.Result.VALID, v.verify(BODY, null, rsaSig));
        assertEquals(WebhookSignatureVerifier.Result.VALID, v.verify(BODY, "N/A", rsaSig));
        assertEquals(WebhookSignatureVerifier.Result.INVALID, v.verify(BODY, rsaSig, rsaSig), "no fallback when x-ghl-signature is there");
        assertEquals(WebhookSignatureVerifier.Result.INVALID, v.verify("{}".getBytes(), edSig, null), "other body");
        assertEquals(WebhookSignatureVerifier.Result.INVALID, v.verify(BODY, "not base64!", null));
        assertEquals(WebhookSignatureVerifier.Result.MISSING, v.verify(BODY, null, " "));
    }

    @Test
    void highLevelsPublishedKeysLoad() {
        new WebhookSignatureVerifier(null, null);
    }
}
