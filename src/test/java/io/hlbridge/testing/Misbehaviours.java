package io.hlbridge.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import com.sun.net.httpserver.HttpExchange;

/** What hostile or broken CalDAV servers do, for {@link FaultProxy#misbehave}: each one a real HTTP behaviour. */
public final class Misbehaviours {
    private Misbehaviours() {
    }

    /** One behaviour: it may answer a request itself, change the real answer, or slow it down. */
    public interface Misbehaviour {
        /** Answers the request itself (true), or lets it through to the real server (false). */
        default boolean intercept(HttpExchange x, String method, String user, String request) throws IOException {
            return false;
        }

        /** The real answer, changed. */
        default byte[] rewrite(String method, String path, String request, int status, byte[] answer) {
            return answer;
        }

        /** Bytes per second the answers to this user are written at (0: at once). */
        default int trickle(String user) {
            return 0;
        }
    }

    /** Every answer to {@code user} written one byte at a time. */
    public static Misbehaviour trickleTo(String user, int bytesPerSecond) {
        return new Misbehaviour() {
            @Override
            public int trickle(String u) {
                return u.equals(user) ? bytesPerSecond : 0;
            }
        };
    }

    /** The next sync-collection REPORT of {@code user} is answered with a valid multistatus of {@code bytes}. */
    public static Misbehaviour hugeMultistatusOnce(String user, long bytes) {
        AtomicBoolean armed = new AtomicBoolean(true);
        return new Misbehaviour() {
            @Override
            public boolean intercept(HttpExchange x, String method, String u, String request) throws IOException {
                if (!u.equals(user) || !method.equals("REPORT") || !request.contains("sync-collection")
                        || !armed.compareAndSet(true, false)) {
                    return false;
                }
                x.getResponseHeaders().add("Content-Type", "application/xml; charset=utf-8");
                x.sendResponseHeaders(207, 0); // chunked: the length is not said up front
                OutputStream out = x.getResponseBody();
                out.write("<?xml version=\"1.0\"?><d:multistatus xmlns:d=\"DAV:\">".getBytes(StandardCharsets.UTF_8));
                String path = x.getRequestURI().getRawPath();
                long written = 0;
                for (long i = 0; written < bytes; i++) {
                    byte[] r = ("<d:response><d:href>" + path + "huge-" + i + ".ics</d:href><d:propstat><d:prop>"
                            + "<d:getetag>\"" + i + "\"</d:getetag></d:prop><d:status>HTTP/1.1 200 OK</d:status>"
                            + "</d:propstat></d:response>").getBytes(StandardCharsets.UTF_8);
                    try {
                        out.write(r);
                    } catch (IOException e) {
                        return true; // the client gave up on it
                    }
                    written += r.length;
                }
                out.write("<d:sync-token>huge</d:sync-token></d:multistatus>".getBytes(StandardCharsets.UTF_8));
                return true;
            }
        };
    }

    /** sync-collection answers for {@code collection} also name these hrefs (outside it) as changed members. */
    public static Misbehaviour foreignSyncHrefs(String collection, List<String> hrefs) {
        return new Misbehaviour() {
            @Override
            public byte[] rewrite(String method, String path, String request, int status, byte[] answer) {
                if (!reportAnswer(method, status, request, "sync-collection", path, collection)) {
                    return answer;
                }
                StringBuilder extra = new StringBuilder();
                for (String href : hrefs) {
                    extra.append("<D:response xmlns:D=\"DAV:\"><D:href>").append(href).append("</D:href><D:propstat>"
                            + "<D:prop><D:getetag>\"foreign\"</D:getetag></D:prop><D:status>HTTP/1.1 200 OK"
                            + "</D:status></D:propstat></D:response>");
                }
                return insertBeforeEnd(answer, extra.toString());
            }
        };
    }

    /** sync-collection answers for {@code collection} carry a sync token of {@code length} characters. */
    public static Misbehaviour longSyncTokens(String collection, int length) {
        java.util.regex.Pattern token = java.util.regex.Pattern.compile("(<([A-Za-z0-9_-]+:)?sync-token>)([^<]*)(<)");
        return new Misbehaviour() {
            @Override
            public byte[] rewrite(String method, String path, String request, int status, byte[] answer) {
                if (!reportAnswer(method, status, request, "sync-collection", path, collection)) {
                    return answer;
                }
                java.util.regex.Matcher m = token.matcher(new String(answer, StandardCharsets.UTF_8));
                if (!m.find()) {
                    return answer;
                }
                String padded = m.group(3) + "-" + "t".repeat(Math.max(0, length - m.group(3).length() - 1));
                return m.replaceFirst(java.util.regex.Matcher.quoteReplacement(m.group(1) + padded + m.group(4)))
                        .getBytes(StandardCharsets.UTF_8);
            }
        };
    }

    /** calendar-multiget answers for {@code collection} also carry this resource, with this data. */
    public static Misbehaviour extraMultigetResource(String collection, String href, String ics) {
        return new Misbehaviour() {
            @Override
            public byte[] rewrite(String method, String path, String request, int status, byte[] answer) {
                if (!reportAnswer(method, status, request, "calendar-multiget", path, collection)) {
                    return answer;
                }
                return insertBeforeEnd(answer, "<D:response xmlns:D=\"DAV:\" xmlns:C=\"urn:ietf:params:xml:ns:caldav\">"
                        + "<D:href>" + href + "</D:href><D:propstat><D:prop><D:getetag>\"planted\"</D:getetag>"
                        + "<C:calendar-data>" + ics.replace("&", "&amp;").replace("<", "&lt;") + "</C:calendar-data>"
                        + "</D:prop><D:status>HTTP/1.1 200 OK</D:status></D:propstat></D:response>");
            }
        };
    }

    /** The next {@code method} is redirected to a Location that is no URI. */
    public static Misbehaviour invalidRedirectOnce(String method) {
        AtomicBoolean armed = new AtomicBoolean(true);
        return new Misbehaviour() {
            @Override
            public boolean intercept(HttpExchange x, String m, String user, String request) throws IOException {
                if (!m.equals(method) || !armed.compareAndSet(true, false)) {
                    return false;
                }
                x.getResponseHeaders().add("Location", x.getRequestURI().getRawPath() + " moved here/x y.ics");
                x.sendResponseHeaders(307, -1);
                return true;
            }
        };
    }

    /** Every sync-collection REPORT fails with a 409 whose body echoes the request, headers and credentials too. */
    public static Misbehaviour echoingErrors() {
        return new Misbehaviour() {
            @Override
            public boolean intercept(HttpExchange x, String method, String user, String request) throws IOException {
                if (!method.equals("REPORT") || !request.contains("sync-collection")) {
                    return false;
                }
                StringBuilder echo = new StringBuilder("Request not understood: ").append(method).append(' ')
                        .append(x.getRequestURI()).append('\n');
                x.getRequestHeaders().forEach((k, v) -> v.forEach(value -> echo.append(k).append(": ").append(value)
                        .append('\n')));
                String auth = x.getRequestHeaders().getFirst("Authorization");
                if (auth != null) {
                    echo.append("decoded: ").append(new String(java.util.Base64.getDecoder().decode(auth.substring(6)),
                            StandardCharsets.UTF_8)).append('\n');
                }
                byte[] b = echo.append(request).toString().getBytes(StandardCharsets.UTF_8);
                x.sendResponseHeaders(409, b.length);
                x.getResponseBody().write(b);
                return true;
            }
        };
    }

    /** Whether this is a 207 answer to a REPORT of {@code report} (sync-collection, calendar-multiget) on the collection. */
    private static boolean reportAnswer(String method, int status, String request, String report, String path,
            String collection) {
        return method.equals("REPORT") && status == 207 && request.contains(report) && path.startsWith(collection);
    }

    static void writeSlowly(HttpExchange x, byte[] answer, int bytesPerSecond) throws IOException {
        for (byte b : answer) {
            x.getResponseBody().write(b);
            x.getResponseBody().flush();
            try {
                Thread.sleep(1000 / bytesPerSecond);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static byte[] insertBeforeEnd(byte[] answer, String responses) {
        String xml = new String(answer, StandardCharsets.UTF_8);
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("</([A-Za-z0-9_-]+:)?multistatus>").matcher(xml);
        return (m.find() ? xml.substring(0, m.start()) + responses + xml.substring(m.start()) : xml)
                .getBytes(StandardCharsets.UTF_8);
    }
}
