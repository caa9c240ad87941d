package io.hlbridge.oauth;

import java.util.Map;

import io.hlbridge.http.HtmlTemplates;
import org.apache.camel.Exchange;

/** The small HTML pages the admin's browser sees at the end of an install (templates {@code oauth/*.mustache}). */
final class OAuthPages {
    private static final HtmlTemplates TEMPLATES = new HtmlTemplates("oauth");

    private OAuthPages() {
    }

    /** A page titled {@code title} saying {@code message} (plain text: it is escaped). */
    static void answer(Exchange exchange, int status, String title, String message) {
        page(exchange, status, "message", Map.of("title", title, "message", message));
    }

    /** Template {@code template} filled with {@code values}, never cached. */
    static void page(Exchange exchange, int status, String template, Object values) {
        exchange.getMessage().getHeaders().clear();
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, "text/html; charset=utf-8");
        exchange.getMessage().setHeader("Cache-Control", "no-store");
        exchange.getMessage().setBody(TEMPLATES.render(template, values));
    }
}
