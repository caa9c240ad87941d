package io.hlbridge.connectpage;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.Mustache;
import org.apache.camel.Message;

/**
 * The connect page's HTML: Mustache templates ({@code connect/*.mustache}, mustache.java), which escape every value by
 * default and hold no logic (the processors build the values), and the headers every answer of the page carries:
 * framable only by HighLevel's origins ({@code highlevel.custom-page.frame-ancestors}), scripts and styles only from
 * the bridge (no inline script), never cached.
 */
final class ConnectPage {
    private final String base;
    private final String policy;
    private final PageText text = new PageText();
    private final Mustache page;
    private final Mustache view;
    private final DefaultMustacheFactory templates = new DefaultMustacheFactory();
    private final Map<String, Mustache> parts = new java.util.concurrent.ConcurrentHashMap<>();

    ConnectPage(String base, String frameAncestors) {
        this.base = base;
        this.policy = "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self';"
                + " base-uri 'none'; form-action 'self'; frame-ancestors " + frameAncestors;
        this.page = compile(templates, "page");
        this.view = compile(templates, "view");
    }

    String base() {
        return base;
    }

    PageText text() {
        return text;
    }

    /** The page the iframe loads: its texts, and the script that signs in. */
    String page() {
        return render(page, Map.of("base", base, "title", text.get("page.title"), "loading", text.get("page.loading"),
                "noscript", text.get("page.noscript"), "outside", text.get("page.outside"),
                "refused", text.get("page.refused"), "unavailable", text.get("page.unavailable")));
    }

    /** The signed-in part of the page. */
    String view(Map<String, Object> values) {
        return render(view, values);
    }

    /** The headers of every answer of the page. */
    void secure(Message m, String contentType) {
        m.setHeader("Content-Type", contentType);
        m.setHeader("Cache-Control", "no-store");
        m.setHeader("X-Content-Type-Options", "nosniff");
        m.setHeader("Referrer-Policy", "no-referrer");
        m.setHeader("Content-Security-Policy", policy);
    }

    /** The answer to a request without a live session: the script signs in again. */
    void notSignedIn(Message m) {
        m.setHeader(org.apache.camel.Exchange.HTTP_RESPONSE_CODE, 401);
        secure(m, "application/json");
        m.setBody("{\"error\":\"not signed in\"}");
    }

    /** Answers HTML for {@code target} of the page: the view, the form's calendar choices, or its error line. */
    void answer(Message m, int status, String target, String html) {
        m.setHeader(org.apache.camel.Exchange.HTTP_RESPONSE_CODE, status);
        m.setHeader("X-Connect-Target", target);
        secure(m, "text/html; charset=utf-8");
        m.setBody(html);
    }

    /** The form's error line, saying {@code message}. */
    void formError(Message m, int status, String message) {
        answer(m, status, "form-error", part("error", Map.of("message", message)));
    }

    /** A part of the page rendered from template {@code name} (the form's calendar choices, an error). */
    String part(String name, Object values) {
        return render(parts.computeIfAbsent(name, n -> compile(templates, n)), values);
    }

    private static String render(Mustache template, Object values) {
        StringWriter out = new StringWriter();
        template.execute(out, values);
        return out.toString();
    }

    private static Mustache compile(DefaultMustacheFactory templates, String name) {
        // read through this class's loader: an OSGi or Spring host's context loader may not see the templates
        try (InputStream in = ConnectPage.class.getResourceAsStream("/connect/" + name + ".mustache");
                Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
            return templates.compile(reader, name);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
