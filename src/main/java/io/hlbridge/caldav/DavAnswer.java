package io.hlbridge.caldav;

import java.net.URI;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;

/** A CalDAV server's answer, with the URL that finally answered (after redirects). */
public record DavAnswer(int status, HttpHeaders headers, byte[] body, URI url) {
    public String etag() {
        return headers.firstValue("ETag").orElse(null);
    }

    public String text() {
        return new String(body, StandardCharsets.UTF_8);
    }
}
