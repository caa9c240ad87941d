package io.hlbridge.caldav;

import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import io.hlbridge.http.HttpTransport;
import io.hlbridge.http.Redaction;
import io.hlbridge.http.RetryAfter;

/**
 * The CalDAV operations the bridge needs, over {@link HttpTransport} (camel-http's endpoints have no PROPFIND/REPORT).
 * Redirects are followed here, re-sending method and body, and Basic credentials go only to the host of
 * {@code icloud.caldav-url} or to {@code *.icloud.com} over https: never to wherever a redirect points.
 */
public class CalDavClient {
    private static final int MAX_REDIRECTS = 5;
    static final long MIN_RETRY_AFTER = 1_000;
    static final long MAX_RETRY_AFTER = 3_600_000;

    private final HttpTransport http;
    private final List<ServerObserver> observers = new CopyOnWriteArrayList<>();
    private final URI baseUrl;

    /**
     * @param timeout        the longest one exchange may take, to its answer's last byte
     * @param maxAnswerBytes the longest answer taken; a longer one fails the exchange
     */
    public CalDavClient(URI baseUrl, Duration timeout, long maxAnswerBytes) {
        this.baseUrl = baseUrl;
        this.http = new HttpTransport(64, timeout, maxAnswerBytes);
    }

    public URI baseUrl() {
        return baseUrl;
    }

    /**
     * Whether Basic credentials may be sent to this URL: the scheme, host and port of {@code icloud.caldav-url}, or
     * https on the default port of a host under icloud.com (iCloud's partition hosts). Never another port of the same
     * host, never plain HTTP where the configuration said https.
     */
    public boolean mayReceiveCredentials(URI target) {
        String scheme = target.getScheme() == null ? "" : target.getScheme().toLowerCase(Locale.ROOT);
        String host = target.getHost() == null ? "" : target.getHost().toLowerCase(Locale.ROOT);
        if (scheme.equalsIgnoreCase(baseUrl.getScheme()) && host.equalsIgnoreCase(baseUrl.getHost())
                && port(target) == port(baseUrl)) {
            return true;
        }
        return scheme.equals("https") && port(target) == 443 && (host.equals("icloud.com") || host.endsWith(".icloud.com"));
    }

    private static int port(URI u) {
        return u.getPort() >= 0 ? u.getPort() : "https".equalsIgnoreCase(u.getScheme()) ? 443 : 80;
    }

    public List<Multistatus.Response> propfind(CalDavAccount c, URI url, int depth, String xml) throws CalDavException {
        DavAnswer a = send(c, "PROPFIND", url, Map.of("Depth", String.valueOf(depth),
                "Content-Type", "application/xml; charset=utf-8"), xml.getBytes(StandardCharsets.UTF_8));
        expect(c, a, "PROPFIND", 207);
        return Multistatus.parse(a.body(), a.url()).responses();
    }

    /** A REPORT with an XML body; the answer is returned whatever its status, for the caller to judge. */
    public DavAnswer report(CalDavAccount c, URI url, int depth, String xml) throws CalDavException {
        return send(c, "REPORT", url, Map.of("Depth", String.valueOf(depth),
                "Content-Type", "application/xml; charset=utf-8"), xml.getBytes(StandardCharsets.UTF_8));
    }

    /** The resource's body and ETag; empty when it does not exist. */
    public Optional<DavAnswer> get(CalDavAccount c, URI url) throws CalDavException {
        DavAnswer a = send(c, "GET", url, Map.of("Accept", "text/calendar"), null);
        if (a.status() == 404 || a.status() == 410) {
            return Optional.empty();
        }
        expect(c, a, "GET", 200);
        return Optional.of(a);
    }

    /**
     * Creates ({@code ifMatch == null}: {@code If-None-Match: *}) or updates ({@code If-Match}) a calendar object
     * resource. Returns its new ETag, asking the server for it when the PUT answer carries none.
     */
    public String put(CalDavAccount c, URI url, String ics, String ifMatch) throws CalDavException {
        Map<String, String> headers = ifMatch == null
                ? Map.of("Content-Type", "text/calendar; charset=utf-8", "If-None-Match", "*")
                : Map.of("Content-Type", "text/calendar; charset=utf-8", "If-Match", ifMatch);
        DavAnswer a = send(c, "PUT", url, headers, ics.getBytes(StandardCharsets.UTF_8));
        if (a.status() == 412) {
            throw new CalDavException.PreconditionFailed("PUT " + url.getPath() + ": the resource "
                    + (ifMatch == null ? "already exists" : "changed since we read it"));
        }
        expect(c, a, "PUT", 200, 201, 204);
        return a.etag() != null ? a.etag() : etag(c, url);
    }

    /** Deletes a resource; an already missing one counts as deleted. */
    public void delete(CalDavAccount c, URI url, String ifMatch) throws CalDavException {
        DavAnswer a = send(c, "DELETE", url, ifMatch == null ? Map.of() : Map.of("If-Match", ifMatch), null);
        if (a.status() == 412) {
            throw new CalDavException.PreconditionFailed("DELETE " + url.getPath() + ": the resource changed since we read it");
        }
        if (a.status() != 404 && a.status() != 410) {
            expect(c, a, "DELETE", 200, 204);
        }
    }

    /** {@code PROPFIND Depth: 0 getetag}, for servers that answer a PUT without an ETag. */
    public String etag(CalDavAccount c, URI url) throws CalDavException {
        List<Multistatus.Response> r = propfind(c, url, 0,
                "<?xml version=\"1.0\" encoding=\"utf-8\"?><d:propfind xmlns:d=\"DAV:\"><d:prop><d:getetag/></d:prop></d:propfind>");
        return r.isEmpty() ? null : r.get(0).text(Multistatus.DAV, "getetag");
    }

    /** Told of every exchange whether the account's server was reached. */
    public interface ServerObserver {
        /** The server answered (anything but a 5xx). */
        void reached(CalDavAccount c);

        /** No answer (cannot connect, timed out, connection failed) or a 5xx from {@code host}. */
        void unreachable(CalDavAccount c, String host, String why);
    }

    /** Adds an observer; observers must be quick and must not throw. */
    public void observe(ServerObserver o) {
        observers.add(o);
    }

    public DavAnswer send(CalDavAccount c, String method, URI url, Map<String, String> headers, byte[] body)
            throws CalDavException {
        try {
            DavAnswer answer = exchange(c, method, url, headers, body);
            observers.forEach(o -> o.reached(c));
            return answer;
        } catch (CalDavException.RetryLater e) {
            if (e.status() == 0 || e.status() >= 500) {
                observers.forEach(o -> o.unreachable(c, url.getHost(), e.getMessage()));
            } else {
                observers.forEach(o -> o.reached(c));
            }
            throw e;
        } catch (CalDavException e) {
            observers.forEach(o -> o.reached(c));
            throw e;
        }
    }

    private DavAnswer exchange(CalDavAccount c, String method, URI url, Map<String, String> headers, byte[] body)
            throws CalDavException {
        URI target = url;
        for (int hop = 0; hop <= MAX_REDIRECTS; hop++) {
            Map<String, String> sent = new LinkedHashMap<>(headers);
            if (mayReceiveCredentials(target)) {
                sent.put("Authorization", basic(c));
            }
            HttpTransport.Answer response;
            try {
                response = sendOnce(method, target, sent, body);
            } catch (HttpTransport.AnswerTooLarge e) {
                throw new CalDavException(0, method + " " + target.getPath() + ": " + e.getMessage()
                        + " (icloud.max-answer-size)", e);
            } catch (SocketTimeoutException e) {
                throw new CalDavException.RetryLater(0, method + " " + target.getPath() + " timed out", -1, e);
            } catch (ConnectException e) {
                throw new CalDavException.RetryLater(0, method + " " + target.getPath() + ": cannot connect to "
                        + target.getHost() + ":" + target.getPort(), -1, e);
            } catch (IOException e) {
                throw new CalDavException.RetryLater(0, method + " " + target.getPath() + " failed: " + e, -1, e);
            }
            int status = response.status();
            if (status == 301 || status == 302 || status == 307 || status == 308) {
                Optional<String> location = response.header("Location");
                if (location.isEmpty()) {
                    throw new CalDavException(status, method + " " + target.getPath() + " redirected without a Location");
                }
                try {
                    target = target.resolve(location.get().strip());
                } catch (IllegalArgumentException e) {
                    throw new CalDavException.RetryLater(status, method + " " + target.getPath()
                            + " was redirected to an invalid Location", -1, null);
                }
                continue;
            }
            DavAnswer answer = new DavAnswer(status, response.header("ETag").orElse(null), response.body(), target);
            if (status == 401 && !mayReceiveCredentials(target)) {
                throw new CalDavException(401, method + " " + url.getPath() + " was redirected to " + target.getScheme()
                        + "://" + target.getHost() + ", which is not trusted with the credentials (only "
                        + baseUrl.getHost() + " and https://*.icloud.com are)");
            }
            if (status == 401) {
                throw new CalDavException.Unauthorized("the CalDAV server refused the credentials of Apple ID "
                        + c.appleId() + " (401 on " + method + " " + target.getHost() + ")");
            }
            if (status == 429 || status == 503 || status == 502 || status == 504 || status == 500) {
                throw new CalDavException.RetryLater(status, method + " " + target.getPath() + " answered " + status,
                        retryAfter(response.header("Retry-After").orElse(null)), null);
            }
            return answer;
        }
        throw new CalDavException(0, method + " " + url.getPath() + ": more than " + MAX_REDIRECTS + " redirects");
    }

    /**
     * One exchange; a connection the server closed while idle in the pool fails at once with an IOException, and
     * is tried once more on a fresh one. Every request here is safe to repeat (reads, or conditional writes).
     */
    private HttpTransport.Answer sendOnce(String method, URI target, Map<String, String> headers, byte[] body)
            throws IOException {
        try {
            return http.exchange(method, target, headers, body);
        } catch (SocketTimeoutException | ConnectException | HttpTransport.AnswerTooLarge e) {
            throw e; // the server answered, or is slow or away: trying again at once would not help
        } catch (IOException e) {
            return http.exchange(method, target, headers, body);
        }
    }

    /** Fails unless the status is one of {@code ok}; the message quotes the server's body, redacted and short. */
    static void expect(CalDavAccount c, DavAnswer a, String method, int... ok) throws CalDavException {
        for (int s : ok) {
            if (a.status() == s) {
                return;
            }
        }
        String body = Redaction.of(a.text(), c.appleId(), c.appPassword());
        throw new CalDavException(a.status(), method + " " + a.url().getPath() + " answered " + a.status()
                + (body.isEmpty() ? "" : ": " + body));
    }

    /** Retry-After in seconds or as an HTTP date, clamped to 1 s – 1 h; -1 when absent or unreadable. */
    static long retryAfter(String header) {
        long millis = RetryAfter.millis(header);
        return millis < 0 ? -1 : Math.max(MIN_RETRY_AFTER, Math.min(MAX_RETRY_AFTER, millis));
    }

    private static String basic(CalDavAccount c) {
        return "Basic " + Base64.getEncoder().encodeToString((c.appleId() + ":" + c.appPassword())
                .getBytes(StandardCharsets.UTF_8));
    }
}
