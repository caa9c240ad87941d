package io.hlbridge.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * docs/routes.md and each route file's {@code Fed by:} line against the routes themselves: which route sends to the
 * {@code seda:} or {@code direct:} endpoint another one consumes.
 */
class RouteGraphTest {
    static final Path ROUTES = Path.of("routes");
    /** route id → its file. */
    static final Map<String, Path> FILES = new TreeMap<>();
    /** "producer -> endpoint -> consumer". */
    static final Set<String> EDGES = new TreeSet<>();

    @BeforeAll
    static void readRoutes() throws IOException {
        Map<String, String> consumers = new TreeMap<>();
        Map<String, List<String>> sends = new TreeMap<>();
        try (Stream<Path> files = Files.list(ROUTES)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".camel.yaml")).sorted().toList()) {
                for (Object element : (List<?>) new Load(LoadSettings.builder().build())
                        .loadFromString(Files.readString(file))) {
                    Map<?, ?> route = (Map<?, ?>) ((Map<?, ?>) element).get("route");
                    if (route == null) {
                        continue; // a routeConfiguration
                    }
                    String id = (String) route.get("id");
                    FILES.put(id, file);
                    Map<?, ?> from = (Map<?, ?>) route.get("from");
                    String uri = endpoint((String) from.get("uri"));
                    if (uri != null) {
                        consumers.put(uri, id);
                    }
                    List<String> to = new ArrayList<>();
                    collectSends(from.get("steps"), to);
                    sends.put(id, to);
                }
            }
        }
        sends.forEach((producer, endpoints) -> endpoints.forEach(e -> {
            assertTrue(consumers.containsKey(e), "route " + producer + " sends to " + e + ", which no route consumes");
            EDGES.add(producer + " -> " + e + " -> " + consumers.get(e));
        }));
    }

    /** seda: and direct: endpoints without their options; null for the others. */
    static String endpoint(String uri) {
        if (uri == null || !(uri.startsWith("seda:") || uri.startsWith("direct:"))) {
            return null;
        }
        int q = uri.indexOf('?');
        return q < 0 ? uri : uri.substring(0, q);
    }

    static void collectSends(Object node, List<String> into) {
        if (node instanceof Map<?, ?> map) {
            map.forEach((k, v) -> {
                if ("to".equals(k)) {
                    String uri = endpoint(v instanceof Map<?, ?> m ? (String) m.get("uri") : (String) v);
                    if (uri != null) {
                        into.add(uri);
                    }
                }
                collectSends(v, into);
            });
        } else if (node instanceof List<?> list) {
            list.forEach(n -> collectSends(n, into));
        }
    }

    @Test
    void theDiagramDrawsEveryRouteAndEveryFeed() throws IOException {
        String doc = Files.readString(Path.of("docs/routes.md"));
        String mermaid = doc.substring(doc.indexOf("```mermaid"), doc.indexOf("```", doc.indexOf("```mermaid") + 3));
        Set<String> drawn = new TreeSet<>();
        Matcher m = Pattern.compile("(?m)^\\s*([\\w-]+) -->\\|([^|]+)\\| ([\\w-]+)\\s*$").matcher(mermaid);
        while (m.find()) {
            drawn.add(m.group(1) + " -> " + m.group(2) + " -> " + m.group(3));
        }
        assertEquals(EDGES, drawn, "docs/routes.md's arrows");
        Set<String> boxes = new TreeSet<>();
        Matcher node = Pattern.compile("(?m)^\\s*([\\w-]+)(\\[| -->)").matcher(mermaid);
        while (node.find()) {
            boxes.add(node.group(1));
        }
        EDGES.forEach(e -> boxes.add(e.substring(e.lastIndexOf(" -> ") + 4)));
        assertEquals(FILES.keySet(), boxes, "docs/routes.md's boxes");
    }

    @Test
    void eachRouteFileNamesTheRoutesThatFeedIt() throws IOException {
        Map<Path, Set<String>> feeders = new TreeMap<>();
        FILES.values().forEach(f -> feeders.put(f, new TreeSet<>()));
        for (String e : EDGES) {
            String[] p = e.split(" -> ");
            feeders.get(FILES.get(p[2])).add(p[0]);
        }
        for (Map.Entry<Path, Set<String>> f : feeders.entrySet()) {
            List<String> lines = Files.readAllLines(f.getKey()).stream().filter(l -> l.startsWith("# Fed by:")).toList();
            assertEquals(1, lines.size(), f.getKey() + " has one '# Fed by:' line in its header");
            Set<String> named = FILES.keySet().stream().filter(id -> Pattern.compile("(?<![\\w:-])" + id + "(?![\\w-])")
                    .matcher(lines.get(0)).find()).collect(Collectors.toCollection(TreeSet::new));
            assertEquals(f.getValue(), named, f.getKey() + ": " + lines.get(0));
        }
    }
}
