package io.hlbridge.connectpage;

import java.util.Map;

import io.hlbridge.http.HtmlTemplates;
import org.apache.camel.Message;

/**
 * The connect page's HTML, from templates {@code connect/*.mustache} ({@link HtmlTemplates}), and the headers every
 * answer of the page carries: framable only by HighLevel's origins ({@code highlevel.custom-page.frame-ancestors}), scripts and styles only from
 * the bridge (no inline script), never cached.
 */
final class ConnectPage {
    private final String base;
    private final String policy;
    private final PageText text = new PageText();
    private final HtmlTemplates templates = new HtmlTemplates("connect");

    ConnectPage(String base, String frameAncestors) {
        this.base = base;
        this.policy = "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self';"
                + " base-uri 'none'; form-action 'self'; frame-ancestors " + frameAncestors;
    }

    String base() {
        return base;
    }

    PageText text() {
        return text;
    }

    /** The page the iframe loads: its texts, and the script that signs in. */
    String page() {
        return templates.render("page", Map.of("base", base, "title", text.get("page.title"), "loading", text.get("page.loading"),
                "noscript", text.get("page.noscript"), "outside", text.get("page.outside"),
                "refused", text.get("page.refused"), "unavailable", text.get("page.unavailable")));
    }

    /** The signed-in part of the page. */
    String view(Map<String, Object> values) {
        return templates.render("view", values);
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
        return templates.render(name, values);
    }
}
