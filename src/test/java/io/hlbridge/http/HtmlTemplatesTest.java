package io.hlbridge.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/** Every page the bridge renders escapes what it is given: no template may print a value unescaped. */
class HtmlTemplatesTest {
    private static final String HOSTILE = "<img src=x onerror=alert(1)> \"quoted\" & 'single'";

    @Test
    void aValueIsEscapedInTextAndInAttributes() {
        String page = new HtmlTemplates("status").render("message", Map.of("title", HOSTILE, "message", HOSTILE,
                "back", true));
        assertFalse(page.contains("<img"), page);
        assertFalse(page.contains("\"quoted\""), page);
        assertTrue(page.contains("&lt;img src&#61;x onerror&#61;alert(1)&gt; &quot;quoted&quot; &amp;"), page);
        assertTrue(page.contains("<a href=\"/status\">"), "the template's own markup stays: " + page);
    }

    @Test
    void noTemplatePrintsAValueUnescaped() throws IOException {
        List<Path> templates;
        try (Stream<Path> files = Stream.of("status", "connect", "oauth").flatMap(HtmlTemplatesTest::list)) {
            templates = files.filter(p -> p.toString().endsWith(".mustache")).toList();
        }
        assertTrue(templates.size() >= 10, "found " + templates);
        for (Path t : templates) {
            String text = Files.readString(t);
            assertEquals(-1, text.indexOf("{{{"), t + " prints a value unescaped ({{{...}}})");
            assertEquals(-1, text.indexOf("{{&"), t + " prints a value unescaped ({{&...}})");
        }
    }

    private static Stream<Path> list(String folder) {
        try {
            return Files.list(Path.of("src/main/resources", folder));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
