package io.hlbridge.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import io.hlbridge.config.BridgeOptions;
import io.hlbridge.config.Option;
import io.hlbridge.runtime.BridgeMetrics;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The docs, the route files' comments and the main code's comments name only files, routes and keys that exist: a
 * renamed class, route or key that its docs still name fails here with the file that names it.
 */
class DocsNameWhatExistsTest {
    /** Words with hyphens on the route pages that are the protocols', HighLevel's or a state's, not route or step ids. */
    static final Set<String> NOT_ROUTE_WORDS = Set.of("calendar-home-set", "current-user-principal", "highlevel-token",
            "needs-authorization", "platform-http-engine", "valid-sync-token", "x-ghl-signature", "x-wh-signature");
    /** Dotted words under the bridge's prefixes that are not keys. */
    static final Set<String> NOT_KEYS = Set.of("icloud.com", "bridge.example.com");

    static final List<Path> DOCS = new ArrayList<>();
    static final List<Path> CODE = new ArrayList<>();
    static final Set<String> IDS = new TreeSet<>();
    static final Set<String> KEYS = new TreeSet<>();

    @BeforeAll
    static void collect() throws IOException {
        DOCS.addAll(List.of(Path.of("README.md"), Path.of("CONTRIBUTING.md"), Path.of("bench/README.md"),
                Path.of("application.properties")));
        DOCS.addAll(files(Path.of("docs"), ".md"));
        DOCS.addAll(files(Path.of("routes"), ".camel.yaml"));
        CODE.addAll(files(Path.of("src/main/java"), ".java"));
        for (Path route : files(Path.of("routes"), ".camel.yaml")) {
            Matcher m = Pattern.compile("(?m)^\\s*(?:id|ref): ([\\w-]+)").matcher(Files.readString(route));
            while (m.find()) {
                IDS.add(m.group(1));
            }
        }
        BridgeOptions.ALL.forEach(o -> KEYS.add(o.key()));
        for (Option<?> f : BridgeOptions.CONNECTION_FIELDS) {
            KEYS.add("connections.<name>." + f.key());
        }
        BridgeMetrics.ALL.forEach(m -> KEYS.add(m.name()));
    }

    static List<Path> files(Path dir, String suffix) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(p -> p.toString().endsWith(suffix)).sorted().toList();
        }
    }

    @Test
    void namedFilesExist() throws IOException {
        List<String> missing = new ArrayList<>();
        Pattern repoPath = Pattern.compile("(?<![\\w./-])((?:src|docs|bench|routes)/[\\w./<>*-]*[\\w*])");
        Pattern classFile = Pattern.compile("(?<![\\w./-])([a-z]+/[A-Z]\\w*\\.java)");
        Pattern link = Pattern.compile("\\]\\(([^)#\\s]+)(#[^)]*)?\\)");
        for (Path f : concat(DOCS, CODE)) {
            String text = Files.readString(f);
            for (Matcher m = repoPath.matcher(text); m.find(); ) {
                String p = m.group(1);
                if (!p.contains("*") && !p.contains("<") && !Files.exists(Path.of(p))) {
                    missing.add(f + " names " + p);
                }
            }
            for (Matcher m = classFile.matcher(text); m.find(); ) {
                String p = m.group(1);
                if (Stream.of("src/main/java/io/hlbridge/", "src/test/java/io/hlbridge/", "bench/src/io/hlbridge/")
                        .noneMatch(root -> Files.exists(Path.of(root + p)))) {
                    missing.add(f + " names " + p);
                }
            }
            if (f.toString().endsWith(".md")) {
                for (Matcher m = link.matcher(text); m.find(); ) {
                    String target = m.group(1);
                    if (!target.contains(":") && !Files.exists(f.resolveSibling(target).normalize())) {
                        missing.add(f + " links to " + target);
                    }
                }
            }
        }
        assertEquals(List.of(), missing);
    }

    @Test
    void namedRoutesAndStepsExist() throws IOException {
        List<String> missing = new ArrayList<>();
        // on the pages about routes every hyphenated word in backticks; elsewhere the ones called a route
        Pattern hyphenated = Pattern.compile("`([a-z][a-z0-9]*(?:-[a-z0-9]+)+)`");
        Pattern calledARoute = Pattern.compile("(?:routes? `([a-z][a-z0-9-]*)`|`([a-z][a-z0-9-]*)` route)");
        Set<Path> routePages = Set.of(Path.of("docs/edit-routes.md"), Path.of("docs/routes.md"),
                Path.of("docs/design.md"));
        for (Path f : DOCS) {
            String text = Files.readString(f);
            for (Matcher m = (routePages.contains(f) ? hyphenated : calledARoute).matcher(text); m.find(); ) {
                String word = m.group(1) != null ? m.group(1) : m.group(2);
                if (!IDS.contains(word) && !NOT_ROUTE_WORDS.contains(word)) {
                    missing.add(f + " names `" + word + "`, no route, route configuration or step id");
                }
            }
        }
        Pattern backtickedStep = Pattern.compile("`([a-z][a-z]*[A-Z][A-Za-z]*)`");
        for (Path f : List.of(Path.of("docs/edit-routes.md"), Path.of("docs/design.md"))) {
            for (Matcher m = backtickedStep.matcher(Files.readString(f)); m.find(); ) {
                if (!IDS.contains(m.group(1)) && !camelCaseNamesAnotherThing(m.group(1))) {
                    missing.add(f + " names step `" + m.group(1) + "`, which no route uses");
                }
            }
        }
        assertEquals(List.of(), missing);
    }

    /** camelCase words of those pages that are JSON fields or Java names, not steps. */
    static boolean camelCaseNamesAnotherThing(String word) {
        return Set.of("assignedUserId", "calendarId", "calendarType", "contactId", "dateUpdated", "locationId", "userId",
                "toNotify", "masterEventId", "startTime", "endTime", "appointmentStatus", "eventType", "webhookId",
                "isRecurring").contains(word);
    }

    @Test
    void namedKeysExist() throws IOException {
        List<String> missing = new ArrayList<>();
        Pattern key = Pattern.compile(
                "(?<![\\w.{/<>-])((?:sync|bridge|highlevel|icloud)\\.[a-z0-9-]+(?:\\.[a-z0-9-]+)*|connections\\.<name>\\.[a-z-]+)");
        for (Path f : concat(DOCS, CODE)) {
            for (Matcher m = key.matcher(Files.readString(f)); m.find(); ) {
                String k = m.group(1);
                boolean prefix = KEYS.stream().anyMatch(known -> known.startsWith(k + "."));
                if (!KEYS.contains(k) && !prefix && !NOT_KEYS.contains(k)) {
                    missing.add(f + " names " + k);
                }
            }
        }
        assertEquals(List.of(), missing);
    }

    static List<Path> concat(List<Path> a, List<Path> b) {
        List<Path> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
