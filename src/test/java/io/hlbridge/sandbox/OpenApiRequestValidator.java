package io.hlbridge.sandbox;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.report.ValidationReport;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Validates requests against HighLevel's published OpenAPI specs ({@code calendars.json} for /calendars, {@code oauth.json} for /oauth,
 * {@code locations.json} for /locations, {@code users.json} for /users). The specs' response refs point at {@code ../common/}; they are copied
 * beside {@code common-schemas.json} with that path fixed, since only requests are validated.
 */
public final class OpenApiRequestValidator {
    private final OpenApiInteractionValidator calendars;
    private final OpenApiInteractionValidator locations;
    private final OpenApiInteractionValidator users;
    private final OpenApiInteractionValidator oauth;

    /**
     * The specs this build validates against: {@code -Dsandbox.openapi} (Maven sets it to the copies in
     * {@code src/test/resources/highlevel-api}), else those copies seen from the working folder, which is the project's
     * own when a test runs from an IDE.
     */
    public static Path specOfThisBuild() {
        String spec = System.getProperty("sandbox.openapi", "");
        return Path.of(spec.isBlank() ? "src/test/resources/highlevel-api/calendars.json" : spec);
    }

    public OpenApiRequestValidator(Path calendarsSpec) throws Exception {
        Path dir = calendarsSpec.toAbsolutePath().getParent();
        Path tmp = Files.createTempDirectory("highlevel-openapi-");
        Files.copy(dir.resolve("common-schemas.json"), tmp.resolve("common-schemas.json"));
        for (String name : List.of("calendars.json", "locations.json", "users.json", "oauth.json")) {
            Files.writeString(tmp.resolve(name), loadable(Files.readString(dir.resolve(name))
                    .replace("../common/common-schemas.json", "common-schemas.json")));
        }
        this.calendars = OpenApiInteractionValidator.createForSpecificationUrl(tmp.resolve("calendars.json").toUri()
                .toString()).build();
        this.locations = OpenApiInteractionValidator.createForSpecificationUrl(tmp.resolve("locations.json").toUri()
                .toString()).build();
        this.users = OpenApiInteractionValidator.createForSpecificationUrl(tmp.resolve("users.json").toUri()
                .toString()).build();
        this.oauth = OpenApiInteractionValidator.createForSpecificationUrl(tmp.resolve("oauth.json").toUri()
                .toString()).build();
    }

    /**
     * Mends the published specs' defects that stop them from loading, none of which touches a request rule:
     * {@code examples} arrays on schema properties (OpenAPI 3.1 syntax in a 3.0 document), array schemas
     * without {@code items}, and paths that declare a {@code {param}} an operation does not define. One request
     * rule is changed, the contradiction docs/design.md §3.1 names: block-slot bodies list {@code calendarId} as required
     * while the same schema says "either calendarId or assignedUserId can be set, not both". The sandbox
     * enforces exactly one of the two instead.
     */
    static String loadable(String spec) throws Exception {
        ObjectMapper json = new ObjectMapper();
        ObjectNode root = (ObjectNode) json.readTree(spec);
        mendSchemas(root.path("components").path("schemas"));
        for (String dto : List.of("BlockSlotCreateRequestDTO", "BlockSlotEditRequestDTO")) {
            JsonNode required = root.path("components").path("schemas").path(dto).path("required");
            if (required instanceof ArrayNode a) {
                for (int i = a.size() - 1; i >= 0; i--) {
                    if ("calendarId".equals(a.get(i).asText())) {
                        a.remove(i);
                    }
                }
            }
        }
        root.path("paths").fields().forEachRemaining(path -> {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\{([^}]+)}").matcher(path.getKey());
            List<String> declared = new ArrayList<>();
            while (m.find()) {
                declared.add(m.group(1));
            }
            path.getValue().forEach(op -> {
                if (op instanceof ObjectNode o && o.has("responses")) {
                    ArrayNode params = o.withArray("parameters");
                    for (String name : declared) {
                        boolean defined = false;
                        for (JsonNode p : params) {
                            defined |= name.equals(p.path("name").asText()) && "path".equals(p.path("in").asText());
                        }
                        if (!defined) {
                            params.addObject().put("name", name).put("in", "path").put("required", true)
                                    .putObject("schema").put("type", "string");
                        }
                    }
                }
            });
        });
        return json.writeValueAsString(root);
    }

    private static void mendSchemas(JsonNode node) {
        if (node instanceof ObjectNode o) {
            if ("array".equals(o.path("type").asText()) && !o.has("items")) {
                o.putObject("items");
            }
            if (o.path("examples").isArray()) {
                o.remove("examples");
            }
            o.forEach(OpenApiRequestValidator::mendSchemas);
        } else if (node instanceof ArrayNode a) {
            a.forEach(OpenApiRequestValidator::mendSchemas);
        }
    }

    /** The spec violations of one request, empty when it conforms. */
    public List<String> validate(String method, String path, Map<String, List<String>> query,
            Map<String, List<String>> headers, String body) {
        SimpleRequest.Builder b = new SimpleRequest.Builder(Request.Method.valueOf(method), path);
        query.forEach((k, v) -> b.withQueryParam(k, v));
        headers.forEach((k, v) -> b.withHeader(k, v));
        if (body != null && !body.isEmpty()) {
            b.withBody(body);
        }
        ValidationReport report = (path.startsWith("/locations") ? locations : path.startsWith("/users") ? users
                : path.startsWith("/oauth") ? oauth : calendars).validateRequest(b.build());
        List<String> out = new ArrayList<>();
        for (ValidationReport.Message m : report.getMessages()) {
            if (m.getLevel() == ValidationReport.Level.ERROR) {
                out.add(method + " " + path + ": " + m.getKey() + " " + m.getMessage());
            }
        }
        return out;
    }
}
