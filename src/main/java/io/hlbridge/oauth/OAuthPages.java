package io.hlbridge.oauth;

import org.apache.camel.Exchange;

/** The small HTML pages the admin's browser sees at the end of an install. */
final class OAuthPages {
    private OAuthPages() {
    }

    static void answer(Exchange exchange, int status, String title, String bodyHtml) {
        exchange.getMessage().getHeaders().clear();
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, "text/html; charset=utf-8");
        exchange.getMessage().setHeader("Cache-Control", "no-store");
        exchange.getMessage().setBody("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>"
                + escape(title) + "</title></head><body><h1>" + escape(title) + "</h1>" + bodyHtml + "</body></html>");
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
