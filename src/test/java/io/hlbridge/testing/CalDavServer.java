package io.hlbridge.testing;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.hlbridge.caldav.Multistatus;

/**
 * A real CalDAV server (Radicale or Xandikos from Debian) run as a process on a free loopback port with its
 * own temporary storage. {@link #stop()} and {@link #start()} keep port and storage, to simulate an outage.
 */
public abstract class CalDavServer implements AutoCloseable {
    public static final String USER = "alice";

    protected final Path dir;
    protected final int port;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private Process process;

    protected CalDavServer() {
        try {
            this.dir = Files.createTempDirectory(getClass().getSimpleName().toLowerCase() + "-");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        this.port = Ports.free();
    }

    public abstract String name();

    protected abstract List<String> command() throws IOException;

    /** URL of a user's calendar home, where the tests create calendars. */
    public abstract String homePath(String user);

    public URI baseUrl() {
        return URI.create("http://127.0.0.1:" + port + "/");
    }

    public int port() {
        return port;
    }

    public synchronized CalDavServer start() throws Exception {
        ProcessBuilder pb = new ProcessBuilder(command()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(TestLogs.file(name() + "-" + port + ".log")));
        process = pb.start();
        Ports.awaitListening(port, Duration.ofSeconds(30), process);
        return this;
    }

    public synchronized void stop() throws InterruptedException {
        if (process != null) {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
            process = null;
        }
    }

    @Override
    public void close() throws Exception {
        stop();
    }

    /** Creates a calendar collection in the user's home holding the given component types. */
    public URI mkcalendar(String user, String slug, String displayName, String... components) throws Exception {
        URI url = baseUrl().resolve(homePath(user) + slug + "/");
        StringBuilder comps = new StringBuilder();
        for (String c : components.length == 0 ? new String[] {"VEVENT"} : components) {
            comps.append("<c:comp name=\"").append(c).append("\"/>");
        }
        String body = "<?xml version=\"1.0\" encoding=\"utf-8\"?><c:mkcalendar xmlns:d=\"DAV:\" "
                + "xmlns:c=\"urn:ietf:params:xml:ns:caldav\"><d:set><d:prop><d:displayname>" + displayName
                + "</d:displayname><c:supported-calendar-component-set>" + comps
                + "</c:supported-calendar-component-set></d:prop></d:set></c:mkcalendar>";
        sendAs(user, "PROPFIND", baseUrl(), null, Map.of("Depth", "0")); // Radicale makes the principal on first use
        HttpResponse<String> r = sendAs(user, "MKCALENDAR", url, body, Map.of("Content-Type", "application/xml"));
        if (r.statusCode() != 201) {
            throw new IllegalStateException("MKCALENDAR " + url + " -> " + r.statusCode() + " " + r.body());
        }
        return url;
    }

    /** Makes a subscribed (webcal) calendar the way this server can hold one. */
    public abstract URI mkSubscription(String user, String slug, String displayName, String source) throws Exception;

    /** Makes a task-only (VTODO) calendar, where the server can hold one. */
    public abstract java.util.Optional<URI> mkTaskList(String user, String slug, String displayName) throws Exception;

    /** The calendar's object resources: href → iCalendar text. */
    public Map<String, String> events(URI calendar) throws Exception {
        String body = "<?xml version=\"1.0\" encoding=\"utf-8\"?><d:propfind xmlns:d=\"DAV:\"><d:prop><d:getetag/>"
                + "</d:prop></d:propfind>";
        HttpResponse<String> r = send("PROPFIND", calendar, body, Map.of("Depth", "1", "Content-Type", "application/xml"));
        if (r.statusCode() != 207) {
            throw new IllegalStateException("PROPFIND " + calendar + " -> " + r.statusCode());
        }
        Map<String, String> events = new LinkedHashMap<>();
        for (Multistatus.Response resp : Multistatus.parse(r.body().getBytes(StandardCharsets.UTF_8), calendar).responses()) {
            if (resp.href().getPath().endsWith(".ics")) {
                events.put(resp.href().toString(), send("GET", resp.href(), null, Map.of()).body());
            }
        }
        return events;
    }

    /** Every event of the calendar in one {@code REPORT calendar-query} with their calendar-data: the answer's body. */
    public String calendarData(String user, URI calendar) throws Exception {
        String query = "<?xml version=\"1.0\" encoding=\"utf-8\"?><c:calendar-query xmlns:d=\"DAV:\""
                + " xmlns:c=\"urn:ietf:params:xml:ns:caldav\"><d:prop><c:calendar-data/></d:prop><c:filter>"
                + "<c:comp-filter name=\"VCALENDAR\"><c:comp-filter name=\"VEVENT\"/></c:comp-filter></c:filter>"
                + "</c:calendar-query>";
        return sendAs(user, "REPORT", calendar, query, Map.of("Depth", "1", "Content-Type", "application/xml")).body();
    }

    /** CPU time the server process has used so far (what the benchmarks compare with the bridge's). */
    public Duration cpuTime() {
        return process.info().totalCpuDuration().orElse(Duration.ZERO);
    }

    public String etag(URI resource) throws Exception {
        return send("GET", resource, null, Map.of()).headers().firstValue("ETag").orElse(null);
    }

    /** Writes a resource as a calendar app would (used to make iCloud-side edits). */
    public int put(URI resource, String ics) throws Exception {
        return send("PUT", resource, ics, Map.of("Content-Type", "text/calendar; charset=utf-8")).statusCode();
    }

    public HttpResponse<String> send(String method, URI url, String body, Map<String, String> headers) throws Exception {
        return sendAs(url.getPath().startsWith("/bob/") ? "bob" : USER, method, url, body, headers);
    }

    public HttpResponse<String> sendAs(String user, String method, URI url, String body, Map<String, String> headers)
            throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        (user + ":" + TestSecrets.APP_PASSWORD).getBytes(StandardCharsets.UTF_8)));
        headers.forEach(b::header);
        // Radicale closes idle keep-alive connections (the pool notices on use), and under a full machine's load drops
        // one now and then: the test's own requests are tried three times (PUT, DELETE and the reports are idempotent)
        for (int attempt = 1; ; attempt++) {
            try {
                return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                if (attempt == 3) {
                    throw e;
                }
                Thread.sleep(200L * attempt);
            }
        }
    }
}
