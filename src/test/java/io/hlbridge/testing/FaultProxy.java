package io.hlbridge.testing;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A proxy in front of a real CalDAV server that behaves the way iCloud does where Radicale and Xandikos do not
 * (docs/design.md §3.2): sync-collection answers list the collection itself, and PUT answers carry no ETag.
 * On demand it also fails REPORTs (the requests of a poll) with a 503 + Retry-After, a 401, a truncated XML body,
 * or a 403 {@code valid-sync-token}, so tests see what the bridge does when a poll goes wrong. Like iCloud, it
 * answers 401 to any request that carries another password than the app password (Xandikos has no login).
 */
public final class FaultProxy implements AutoCloseable {
    public enum Fault { NONE, UNAVAILABLE_503, UNAUTHORIZED_401, BROKEN_XML, INVALID_SYNC_TOKEN_403 }

    private static final Set<String> HOP_HEADERS = Set.of("host", "content-length", "connection", "expect", "upgrade",
            "transfer-encoding", "keep-alive");

    private final URI target;
    private final HttpServer server;
    private volatile String acceptedPassword = TestSecrets.APP_PASSWORD;
    private final ExecutorService executor = Executors.newFixedThreadPool(32); // trickled answers hold threads
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final AtomicInteger faultsServed = new AtomicInteger();
    private final AtomicInteger refusedLogins = new AtomicInteger();
    private final java.util.concurrent.atomic.AtomicLong requests = new java.util.concurrent.atomic.AtomicLong();
    private final java.util.concurrent.atomic.AtomicLong wireBytes = new java.util.concurrent.atomic.AtomicLong();
    private volatile Fault fault = Fault.NONE;
    private volatile Duration writeDelay = Duration.ZERO;
    private final List<Misbehaviours.Misbehaviour> misbehaviours = new java.util.concurrent.CopyOnWriteArrayList<>();

    /** Adds what a hostile or broken server does (see {@link Misbehaviours}). */
    public void misbehave(Misbehaviours.Misbehaviour m) {
        misbehaviours.add(m);
    }

    public void behave() {
        misbehaviours.clear();
    }

    public FaultProxy(URI target) throws IOException {
        this.target = target;
        this.server = LoopbackServer.create(0, 64);
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    public URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
    }

    /** Fails every REPORT from now on in this way (NONE passes them through again). */
    public void setFault(Fault fault) {
        this.fault = fault;
    }

    /** Holds every PUT and DELETE this long before passing it on: a slow calendar server. */
    public void setWriteDelay(Duration delay) {
        this.writeDelay = delay;
    }

    /** Requests answered 401 because their password was not the app password. */
    public int refusedLogins() {
        return refusedLogins.get();
    }

    public int faultsServed() {
        return faultsServed.get();
    }

    /** Requests passed through since the last {@link #resetCounters()}. */
    public long requests() {
        return requests.get();
    }

    /** Bytes of those requests and answers: request/status lines, headers and bodies. */
    public long wireBytes() {
        return wireBytes.get();
    }

    public void resetCounters() {
        requests.set(0);
        wireBytes.set(0);
    }

    private void handle(HttpExchange x) throws IOException {
        try (x) {
            byte[] body;
            try (InputStream in = x.getRequestBody()) {
                body = in.readAllBytes();
            }
            String method = x.getRequestMethod();
            String request = new String(body, StandardCharsets.UTF_8);
            Fault f = fault;
            if (!hasAppPassword(x)) {
                refusedLogins.incrementAndGet();
                reply(x, 401, List.of("WWW-Authenticate", "Basic realm=\"MMCalDav\""), "");
                return;
            }
            String user = user(x);
            for (Misbehaviours.Misbehaviour m : misbehaviours) {
                if (m.intercept(x, method, user, request)) {
                    return;
                }
            }
            if (method.equals("REPORT") && f != Fault.NONE && f != Fault.BROKEN_XML
                    && (f != Fault.INVALID_SYNC_TOKEN_403 || request.contains("sync-collection"))) {
                faultsServed.incrementAndGet();
                switch (f) {
                    case UNAVAILABLE_503 -> reply(x, 503, List.of("Retry-After", "1"), "Service Unavailable");
                    case UNAUTHORIZED_401 -> reply(x, 401, List.of("WWW-Authenticate", "Basic realm=\"x\""), "Unauthorized");
                    default -> reply(x, 403, List.of("Content-Type", "application/xml"), "<?xml version=\"1.0\"?>"
                            + "<D:error xmlns:D=\"DAV:\"><D:valid-sync-token/></D:error>");
                }
                return;
            }
            HttpRequest.Builder rb = HttpRequest.newBuilder(target.resolve(x.getRequestURI().getRawPath()
                    + (x.getRequestURI().getRawQuery() == null ? "" : "?" + x.getRequestURI().getRawQuery())))
                    // longer than any client's own deadline: the client decides when to give up, not the proxy
                    .timeout(Duration.ofMinutes(10))
                    .method(method, body.length == 0 ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofByteArray(body));
            x.getRequestHeaders().forEach((k, v) -> {
                if (!HOP_HEADERS.contains(k.toLowerCase(Locale.ROOT)) && !k.equalsIgnoreCase("Authorization")) {
                    v.forEach(value -> rb.header(k, value));
                }
            });
            rb.header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString((user + ":"
                    + TestSecrets.APP_PASSWORD).getBytes(StandardCharsets.UTF_8)));
            if ((method.equals("PUT") || method.equals("DELETE")) && !writeDelay.isZero()) {
                Thread.sleep(writeDelay.toMillis());
            }
            requests.incrementAndGet();
            long in = method.length() + x.getRequestURI().toString().length() + 11 + body.length;
            for (Map.Entry<String, List<String>> h : x.getRequestHeaders().entrySet()) {
                for (String v : h.getValue()) {
                    in += h.getKey().length() + v.length() + 4;
                }
            }
            wireBytes.addAndGet(in + 2);
            HttpResponse<byte[]> r;
            try {
                r = http.send(rb.build(), HttpResponse.BodyHandlers.ofByteArray());
            } catch (java.net.http.HttpTimeoutException e) {
                throw e; // never sent twice: a REPORT still running upstream and its copy race in Radicale's caches
            } catch (IOException e) {
                r = http.send(rb.build(), HttpResponse.BodyHandlers.ofByteArray()); // a pooled connection gone stale
            }
            byte[] answer = r.body();
            if (method.equals("REPORT") && r.statusCode() == 207 && request.contains("sync-collection")) {
                answer = withCollectionEntry(new String(answer, StandardCharsets.UTF_8), x.getRequestURI().getRawPath())
                        .getBytes(StandardCharsets.UTF_8);
            }
            if (method.equals("REPORT") && f == Fault.BROKEN_XML) {
                faultsServed.incrementAndGet();
                answer = java.util.Arrays.copyOf(answer, answer.length / 2);
            }
            int trickle = 0;
            for (Misbehaviours.Misbehaviour m : misbehaviours) {
                answer = m.rewrite(method, x.getRequestURI().getRawPath(), request, r.statusCode(), answer);
                trickle = Math.max(trickle, m.trickle(user));
            }
            r.headers().map().forEach((k, v) -> {
                String lower = k.toLowerCase(Locale.ROOT);
                if (!HOP_HEADERS.contains(lower) && !(method.equals("PUT") && lower.equals("etag"))) {
                    v.forEach(value -> x.getResponseHeaders().add(k, value));
                }
            });
            long out = 17 + answer.length + 20; // status line, Content-Length
            for (Map.Entry<String, List<String>> h : x.getResponseHeaders().entrySet()) {
                for (String v : h.getValue()) {
                    out += h.getKey().length() + v.length() + 4;
                }
            }
            wireBytes.addAndGet(out + 2);
            if (trickle > 0) { // the status line and headers take as long as if they were trickled too
                Thread.sleep(Math.min(60_000, (out - answer.length) * 1000 / trickle));
            }
            x.sendResponseHeaders(r.statusCode(), answer.length == 0 ? -1 : answer.length);
            if (trickle > 0) {
                Misbehaviours.writeSlowly(x, answer, trickle);
            } else if (answer.length > 0) {
                x.getResponseBody().write(answer);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The Basic user of a request ("" without one). */
    static String user(HttpExchange x) {
        String auth = x.getRequestHeaders().getFirst("Authorization");
        if (auth == null || !auth.startsWith("Basic ")) {
            return "";
        }
        String pair = new String(java.util.Base64.getDecoder().decode(auth.substring(6).trim()), StandardCharsets.UTF_8);
        return pair.substring(0, Math.max(0, pair.indexOf(':')));
    }

    private boolean hasAppPassword(HttpExchange x) {
        String auth = x.getRequestHeaders().getFirst("Authorization");
        if (auth == null || !auth.startsWith("Basic ")) {
            return false;
        }
        String pair = new String(java.util.Base64.getDecoder().decode(auth.substring(6).trim()), StandardCharsets.UTF_8);
        return pair.endsWith(":" + acceptedPassword);
    }

    /**
     * From now on the servers take {@code password} (and refuse the one before), as iCloud does once an app password
     * was revoked and a new one made. Requests are passed on with the password the real server knows.
     */
    public void acceptPassword(String password) {
        this.acceptedPassword = password;
    }

    /** iCloud lists the collection itself among the sync-collection results, with its own ETag. */
    static String withCollectionEntry(String xml, String collectionPath) {
        String entry = "<D:response xmlns:D=\"DAV:\"><D:href>" + collectionPath + "</D:href><D:propstat><D:prop>"
                + "<D:getetag>\"collection-etag\"</D:getetag></D:prop><D:status>HTTP/1.1 200 OK</D:status>"
                + "</D:propstat></D:response>";
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("<([A-Za-z0-9_-]+:)?response[ >]").matcher(xml);
        return m.find() ? xml.substring(0, m.start()) + entry + xml.substring(m.start()) : xml;
    }

    private static void reply(HttpExchange x, int status, List<String> header, String body) throws IOException {
        x.getResponseHeaders().add(header.get(0), header.get(1));
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        x.sendResponseHeaders(status, b.length);
        x.getResponseBody().write(b);
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
