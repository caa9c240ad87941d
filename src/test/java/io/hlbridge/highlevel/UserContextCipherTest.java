package io.hlbridge.highlevel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/**
 * HighLevel's user context as CryptoJS's passphrase mode makes it, checked against OpenSSL itself
 * ({@code openssl enc -aes-256-cbc -md md5}, the same format), in both directions.
 */
class UserContextCipherTest {
    static final String SECRET = "shared-secret-0f3c";
    static final String CONTEXT = "{\"userId\":\"U1\",\"companyId\":\"C1\",\"role\":\"admin\",\"type\":\"agency\","
            + "\"activeLocation\":\"L1\",\"userName\":\"Ann Lee\",\"email\":\"ann@example.com\"}";

    static String openssl(String input, String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("openssl", "enc", "-aes-256-cbc", "-md", "md5",
                "-base64", "-A"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).start();
        p.getOutputStream().write(input.getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0, "openssl " + args[0]);
        return out;
    }

    @Test
    void aPayloadOpensslMadeIsRead() throws Exception {
        String blob = openssl(CONTEXT, "-salt", "-pass", "pass:" + SECRET);
        assertTrue(blob.startsWith("U2FsdGVkX1"), blob);
        assertEquals(Optional.of(CONTEXT), new UserContextCipher(List.of(SECRET)).decrypt(blob));
        UserContext c = UserContext.parse(CONTEXT).orElseThrow();
        assertEquals(new UserContext("U1", "C1", "admin", "L1", "Ann Lee", "ann@example.com"), c);
        assertTrue(c.admin() && c.inLocation());
    }

    @Test
    void whatTheShellEncryptsOpensslReads() throws Exception {
        String blob = UserContextCipher.encrypt(CONTEXT, SECRET, "8bytes!!".getBytes(StandardCharsets.US_ASCII));
        assertEquals(CONTEXT, openssl(blob, "-d", "-pass", "pass:" + SECRET).trim());
    }

    @Test
    void duringARotationThePreviousSecretIsAccepted() throws Exception {
        String old = openssl(CONTEXT, "-salt", "-pass", "pass:old-secret");
        UserContextCipher both = new UserContextCipher(List.of(SECRET, "old-secret"));
        assertEquals(Optional.of(CONTEXT), both.decrypt(old));
        assertEquals(Optional.empty(), new UserContextCipher(List.of(SECRET)).decrypt(old));
    }

    @Test
    void everyBadPayloadReadsAsNothing() throws Exception {
        UserContextCipher cipher = new UserContextCipher(List.of(SECRET));
        String good = openssl(CONTEXT, "-salt", "-pass", "pass:" + SECRET);
        byte[] raw = Base64.getDecoder().decode(good);
        raw[raw.length - 1] ^= 1; // the last block's padding
        byte[] unsalted = Base64.getDecoder().decode(good);
        unsalted[0] = 'X';
        for (String bad : List.of("", "not base64 at all!", Base64.getEncoder().encodeToString(raw),
                Base64.getEncoder().encodeToString(unsalted), good.substring(0, 20), "x".repeat(20_000),
                openssl(CONTEXT, "-salt", "-pass", "pass:another-secret"))) {
            Optional<String> plain = cipher.decrypt(bad);
            assertTrue(plain.isEmpty() || UserContext.parse(plain.get()).isEmpty(), bad);
        }
        assertFalse(new UserContextCipher(List.of("", " ")).configured());
    }

    @Test
    void aContextWithoutAUserIsNone() {
        for (String json : List.of("[]", "null", "{\"role\":\"admin\"}", "{\"userId\":\"\"}", "{\"userId\":7}", "{")) {
            assertEquals(Optional.empty(), UserContext.parse(json), json);
        }
        assertFalse(UserContext.parse("{\"userId\":\"U1\",\"type\":\"agency\"}").orElseThrow().inLocation());
    }
}
