package io.hlbridge.testing;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;

/** Where test servers and subprocess bridges write their logs; the secrets scan reads all of it. */
public final class TestLogs {
    private TestLogs() {
    }

    public static Path dir() {
        Path dir = Path.of(System.getProperty("testing.logs", "target/test-logs"));
        try {
            Files.createDirectories(dir);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return dir;
    }

    public static File file(String name) {
        return dir().resolve(name).toFile();
    }
}
