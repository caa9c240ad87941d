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
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.ValidationReport;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The admin API as an operator's script uses it: JSON over HTTP with the bearer token. Every exchange is checked
 * against docs/admin-api.yaml (request and answer) and every answer is kept under the test logs, where the secrets
 * scan reads it.
 */
public final class AdminClient {
    private static final AtomicInteger SAVED = new AtomicInteger();
    private static final OpenApiInteractionValidator CONTRACT = OpenApiInteractionValidator
            .createForSpecificationUrl(Path.of("docs/admin-api.yaml").toAbsolutePath().toUri().toString()).build();

    /** One answer: status and body (JSON, or null when there is none). */
    public record Answer(int status, String text, JsonNode json) {
    }

    private final ObjectMapper mapper = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI base;
    private final String token;
    private final List<String> violations = new ArrayList<>();

    /** @param managementPort camel.management.port; token null to send none */
    public AdminClient(int managementPort, String token) {
        this.base = URI.create("http://127.0.0.1:" + managementPort);
        this.token = token;
    }

    public AdminClient withToken(String other) {
        return new AdminClient(base.getPort(), other);
    }

    /** Waits until the inbox has nothing pending or retrying: every webhook so far was applied, skipped or parked. */
    public void awaitInboxApplied() throws Exception {
        Await.until(Duration.ofSeconds(60), () -> {
            JsonNode counts = get("/inbox?state=pending").json().path("counts");
            return counts.path("pending").asLong(-1) + counts.path("retrying").asLong(-1);
        }, n -> n == 0, "an inbox with nothing pending or retrying");
    }

    public Answer get(String path) throws Exception {
        return send("GET", path, null);
    }

    public Answer post(String path, Object body) throws Exception {
        return send("POST", path, body);
    }

    public Answer patch(String path, Object body) throws Exception {
        return send("PATCH", path, body);
    }

    public Answer delete(String path) throws Exception {
        return send("DELETE", path, null);
    }

    public Answer send(String method, String path, Object body) throws Exception {
        String text = body == null ? null : body instanceof String s ? s : mapper.writeValueAsString(body);
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve("/admin/api" + path)).timeout(Duration.ofSeconds(60))
                .method(method, text == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(text));
        if (text != null) {
            b.header("Content-Type", "application/json");
        }
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        JsonNode json = null;
        if (r.body() != null && !r.body().isBlank() && r.headers().firstValue("Content-Type").orElse("")
                .startsWith("application/json")) {
            json = mapper.readTree(r.body());
        }
        check(method, path, text, r);
        save(method, path, r);
        return new Answer(r.statusCode(), r.body(), json);
    }

    /** Every request and answer so far that broke docs/admin-api.yaml. */
    public List<String> violations() {
        return List.copyOf(violations);
    }

    private void check(String method, String path, String body, HttpResponse<String> r) {
        String plain = path.contains("?") ? path.substring(0, path.indexOf('?')) : path;
        SimpleRequest.Builder rq = new SimpleRequest.Builder(Request.Method.valueOf(method), plain);
        if (path.contains("?")) {
            for (String pair : path.substring(path.indexOf('?') + 1).split("&")) {
                String[] kv = pair.split("=", 2);
                rq.withQueryParam(kv[0], kv.length > 1 ? kv[1] : "");
            }
        }
        if (body != null) {
            rq.withBody(body).withContentType("application/json");
        }
        if (token != null) {
            rq.withAuthorization("Bearer " + token);
        }
        SimpleResponse.Builder rs = new SimpleResponse.Builder(r.statusCode());
        r.headers().firstValue("Content-Type").ifPresent(ct -> rs.withContentType(ct));
        if (r.body() != null && !r.body().isEmpty()) {
            rs.withBody(r.body());
        }
        boolean refusedOnPurpose = r.statusCode() == 400;
        ValidationReport report = CONTRACT.validate(rq.build(), rs.build());
        for (ValidationReport.Message m : report.getMessages()) {
            // a request the test makes bad on purpose may break the request schema; its answer must still conform
            boolean requestRule = m.getKey().startsWith("validation.request");
            if (m.getLevel() == ValidationReport.Level.ERROR && !(refusedOnPurpose && requestRule)) {
                violations.add(method + " " + path + " -> " + r.statusCode() + ": " + m.getKey() + " " + m.getMessage());
            }
        }
    }

    private static void save(String method, String path, HttpResponse<String> r) throws IOException {
        Path file = TestLogs.file("admin-api-" + ProcessHandle.current().pid() + "-" + SAVED.incrementAndGet() + ".json")
                .toPath();
        Files.writeString(file, "// " + method + " " + path + " -> " + r.statusCode() + "\n" + r.body(),
                StandardCharsets.UTF_8);
    }
}
