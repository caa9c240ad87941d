package io.hlbridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;

import io.hlbridge.sandbox.SandboxOAuth;
import io.hlbridge.testing.TestSecrets;
import org.junit.jupiter.api.Test;

/**
 * Runs after every other test (its own surefire execution): no log output of the whole suite, in-process
 * bridges, subprocess bridges or CalDAV servers, holds the app password, the HighLevel token, or the Basic
 * credentials that carry the password.
 */
class SecretsNeverLoggedTest {

    @Test
    void noSecretInAnyLogOfTheSuite() throws Exception {
        List<String> secrets = new ArrayList<>(List.of(TestSecrets.APP_PASSWORD, TestSecrets.NEW_APP_PASSWORD,
                TestSecrets.REVOKED_APP_PASSWORD, TestSecrets.HIGHLEVEL_TOKEN, TestSecrets.HIGHLEVEL_TOKEN_2,
                TestSecrets.ADMIN_TOKEN, TestSecrets.SECRET_KEY, SandboxOAuth.CLIENT_SECRET));
        // the sandbox's OAuth access and refresh tokens and its one-time codes
        java.util.regex.Pattern issued = java.util.regex.Pattern.compile("\\b(at|rt)-[0-9a-f]{8}-[0-9a-f]{4}-|\\bcode[0-9a-f]{32}");
        for (String user : List.of("alice", "bob")) {
            for (String password : List.of(TestSecrets.APP_PASSWORD, TestSecrets.NEW_APP_PASSWORD)) {
                secrets.add(Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
            }
        }
        List<Path> logs = new ArrayList<>();
        for (String dir : List.of("target/surefire-reports", "target/surefire-reports-alone",
                System.getProperty("testing.logs", "target/test-logs"))) {
            if (Files.isDirectory(Path.of(dir))) {
                try (Stream<Path> s = Files.walk(Path.of(dir))) {
                    s.filter(p -> p.toString().endsWith(".txt") || p.toString().endsWith(".log")
                            || p.toString().endsWith(".json") || p.toString().endsWith(".html")
                            || p.toString().endsWith(".prom")).forEach(logs::add);
                }
            }
        }
        long bytes = 0;
        List<String> leaks = new ArrayList<>();
        for (Path log : logs) {
            String text = Files.readString(log, StandardCharsets.ISO_8859_1);
            bytes += text.length();
            for (String secret : secrets) {
                if (text.contains(secret)) {
                    leaks.add(log + " contains a secret");
                }
            }
            if (issued.matcher(text).find()) {
                leaks.add(log + " contains an OAuth token or code");
            }
        }
        assertTrue(bytes > 10_000 && logs.stream().anyMatch(p -> p.toString().endsWith("-output.txt")),
                "the suite's logs must be there to scan (read " + bytes + " bytes from " + logs.size() + " files)");
        assertEquals(List.of(), leaks);
    }
}
