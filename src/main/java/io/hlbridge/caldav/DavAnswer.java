package io.hlbridge.caldav;

import java.net.URI;
import java.nio.charset.StandardCharsets;

/** A CalDAV server's answer: its status, ETag header (null without one), body, and the URL that finally answered. */
public record DavAnswer(int status, String etag, byte[] body, URI url) {
    public String text() {
        return new String(body, StandardCharsets.UTF_8);
    }
}
