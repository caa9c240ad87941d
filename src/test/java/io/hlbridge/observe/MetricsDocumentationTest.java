package io.hlbridge.observe;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.hlbridge.runtime.BridgeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;

/**
 * The metrics table of docs/operate.md names every metric the bridge declares, as a Prometheus scrape names it, with its type
 * and the meaning declared beside it in {@link BridgeMetrics}.
 */
class MetricsDocumentationTest {

    @Test
    void theReadmeTableListsEveryMetricAsAScrapeNamesIt() throws Exception {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        BridgeMetrics metrics = new BridgeMetrics(registry);
        Map<String, String> meaning = new TreeMap<>();
        for (BridgeMetrics.Metric m : BridgeMetrics.ALL) {
            if (m == BridgeMetrics.INBOX_DEPTH || m == BridgeMetrics.CONNECTIONS || m == BridgeMetrics.NODE_SINGLETONS) {
                metrics.gauge(m, "x", () -> 1);
            } else if (m == BridgeMetrics.WEBHOOK_TO_CALDAV) {
                metrics.record(m, Duration.ofMillis(20));
            } else if (m.tag() == null) {
                metrics.increment(m);
            } else {
                metrics.increment(m, "x");
            }
        }
        Map<String, String> scraped = new TreeMap<>();
        Matcher t = Pattern.compile("(?m)^# TYPE (bridge_\\w+) (\\w+)$").matcher(registry.scrape());
        while (t.find()) {
            if (!t.group(1).endsWith("_max")) { // a timer's running maximum comes with its histogram
                scraped.put(t.group(1), t.group(2));
            }
        }
        for (BridgeMetrics.Metric m : BridgeMetrics.ALL) {
            String base = m.name().replace('.', '_').replace('-', '_');
            String name = scraped.containsKey(base + "_total") ? base + "_total"
                    : scraped.containsKey(base + "_seconds") ? base + "_seconds" : base;
            meaning.put(name, scraped.get(name) + " | " + (m.tag() == null ? "" : "`" + m.tag() + "`") + " | "
                    + m.description());
        }
        String page = Files.readString(Path.of("docs/operate.md"));
        page = page.substring(page.indexOf("\n## Metrics\n"));
        int next = page.indexOf("\n## ", 2);
        page = next < 0 ? page : page.substring(0, next);
        Map<String, String> documented = new TreeMap<>();
        Matcher row = Pattern.compile("(?m)^\\| `(bridge_\\w+)` \\| (\\w+) \\| ([^|]*) \\| (.*) \\|$").matcher(page);
        while (row.find()) {
            documented.put(row.group(1), row.group(2) + " | " + row.group(3).trim() + " | " + row.group(4).trim());
        }
        assertEquals(scraped.keySet(), meaning.keySet(), "every declared metric is scraped under the name derived here");
        assertEquals(meaning, documented, "docs/operate.md's metrics table");
    }
}
