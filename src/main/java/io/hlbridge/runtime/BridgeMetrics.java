package io.hlbridge.runtime;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.apache.camel.CamelContext;
import org.apache.camel.spi.Registry;

/**
 * The bridge's counters, on Micrometer: the host's {@link MeterRegistry} when it has one (Spring Boot, a camel-main
 * with {@code camel.metrics.enabled}), otherwise a Prometheus registry bound as {@code metricsRegistry}, where
 * camel-micrometer finds it. Each metric is declared once here, with what its tag means.
 */
public final class BridgeMetrics {

    /** A counter's name, meaning and tag key (null when it has none). */
    public record Metric(String name, String description, String tag) {
    }

    public static final Metric WEBHOOKS = new Metric("bridge.webhooks",
            "Webhooks answered, by answer: stored, or the refusing status (400, 401, 409, 413, 429)", "answer");
    public static final Metric INBOX = new Metric("bridge.inbox.entries",
            "Inbox work by what became of it: done, skipped, retried, postponed, failed, pruned", "outcome");
    public static final Metric SKIPPED = new Metric("bridge.appointments.skipped",
            "Appointments not written to iCloud, by reason", "reason");
    public static final Metric CALDAV_WRITES = new Metric("bridge.caldav.writes",
            "Writes to linked calendars, by action: put, delete, unchanged (content already there)", "action");
    public static final Metric CONFLICTS = new Metric("bridge.conflicts",
            "Events changed on both sides since the last sync (the conflict rule decided)", null);
    public static final Metric MOVED = new Metric("bridge.appointments.moved",
            "Appointments moved because their event was moved in iCloud (R6)", null);
    public static final Metric POLLS_STARTED = new Metric("bridge.polls.started", "Calendar polls started", null);
    public static final Metric POLLS = new Metric("bridge.polls",
            "Calendar polls ended, by outcome: unchanged, changed, failed", "outcome");
    public static final Metric POLL_FAILURES = new Metric("bridge.polls.failures",
            "Failed calendar polls by reason: credentials, calendar, timeout, too-large, server, caldav, highlevel,"
                    + " other", "reason");
    public static final Metric TOKEN_REFUSED = new Metric("bridge.polls.token-refused",
            "Sync tokens the server refused (a full resync followed)", null);
    public static final Metric DELETIONS_REFUSED = new Metric("bridge.polls.deletions-refused",
            "Polls that would have deleted more than sync.max-deletions-per-poll blocked slots", null);
    public static final Metric FETCHED = new Metric("bridge.resources.fetched", "Changed iCloud resources fetched", null);
    public static final Metric QUARANTINED = new Metric("bridge.resources.quarantined",
            "iCloud resources set aside as unreadable, unexpandable or refused by HighLevel", null);
    public static final Metric OWN_EVENTS = new Metric("bridge.resources.own-events",
            "Events the bridge wrote, seen in a poll and not imported (R11)", null);
    public static final Metric SLOTS = new Metric("bridge.blocked-slots",
            "Blocked-slot writes by kind: created, updated, deleted, adopted", "kind");
    public static final Metric DELETIONS_IGNORED = new Metric("bridge.icloud-deletions.ignored",
            "iCloud deletions left alone (sync.icloud-deletions=ignore)", null);
    public static final Metric SLOT_COPIES = new Metric("bridge.highlevel-slots.copies",
            "HighLevel blocked slots kept as busy events in iCloud, by action: created, updated, restored, moved,"
                    + " deleted, deletions-refused, failed", "action");
    public static final Metric RECONCILE = new Metric("bridge.reconcile",
            "Reconciliation: appointments enqueued, users whose read failed", "outcome");

    public static final Metric HIGHLEVEL_REQUESTS = new Metric("bridge.highlevel.requests",
            "Requests answered by HighLevel (or cut off), by location", "location");
    public static final Metric HIGHLEVEL_RATE_LIMITED = new Metric("bridge.highlevel.rate-limited",
            "HighLevel answers 429 (Too Many Requests), by location", "location");

    // --- gauges and the timer (not counters) ---
    public static final Metric INBOX_DEPTH = new Metric("bridge.inbox.depth",
            "Inbox entries now, by state: pending, retrying, failed", "state");
    public static final Metric CONNECTIONS = new Metric("bridge.connections",
            "Connections now, by state: ok, paused, needs-authorization, needs-app-password, highlevel-token-refused,"
                    + " calendar-refused, calendar-server-unreachable", "state");
    public static final Metric NODE_SINGLETONS = new Metric("bridge.node.singletons",
            "1 while this node (tagged with its bridge.node-id) runs the singleton routes, else 0", "node");
    public static final Metric WEBHOOK_TO_CALDAV = new Metric("bridge.webhook.to.caldav",
            "Seconds from a webhook's arrival to its appointment's CalDAV write (histogram)", null);

    public static final Metric LISTENER_CLOSED = new Metric("bridge.listener.closed",
            "Connections the webhook listener closed, by reason: over-limit, over-peer-limit, idle, request-timeout,"
                    + " ambiguous-length",
            "reason");

    public static final List<Metric> ALL = List.of(WEBHOOKS, LISTENER_CLOSED, INBOX, SKIPPED, CALDAV_WRITES, CONFLICTS, MOVED,
            POLLS_STARTED, POLLS, POLL_FAILURES, TOKEN_REFUSED, DELETIONS_REFUSED, FETCHED, QUARANTINED, OWN_EVENTS, SLOTS,
            DELETIONS_IGNORED, SLOT_COPIES, RECONCILE, HIGHLEVEL_REQUESTS, HIGHLEVEL_RATE_LIMITED, INBOX_DEPTH, CONNECTIONS,
            NODE_SINGLETONS, WEBHOOK_TO_CALDAV);

    /** Camel's name for the registry (camel-micrometer's {@code MicrometerConstants.METRICS_REGISTRY_NAME}). */
    static final String REGISTRY_NAME = "metricsRegistry";

    private final MeterRegistry registry;
    /** The counters made so far, by name and tag value: Micrometer's own lookup builds an id on every call. */
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();
    private final Map<String, io.micrometer.core.instrument.Timer> timers = new ConcurrentHashMap<>();

    public BridgeMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** The host's registry, or a Prometheus one bound for camel-micrometer to find. */
    public static BridgeMetrics in(CamelContext context) {
        Registry r = context.getRegistry();
        MeterRegistry found = r.lookupByNameAndType(REGISTRY_NAME, MeterRegistry.class);
        if (found == null) {
            found = r.findSingleByType(MeterRegistry.class);
        }
        if (found == null) {
            found = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
            r.bind(REGISTRY_NAME, found);
        }
        return new BridgeMetrics(found);
    }

    public MeterRegistry registry() {
        return registry;
    }

    public void increment(Metric metric) {
        counter(metric, null).increment();
    }

    /** Counts one under the metric's tag value. */
    public void increment(Metric metric, String tagValue) {
        counter(metric, tagValue).increment();
    }

    public void add(Metric metric, String tagValue, long amount) {
        counter(metric, tagValue).increment(amount);
    }

    private Counter counter(Metric metric, String tagValue) {
        String value = metric.tag() == null ? "" : tagValue == null ? "none" : tagValue;
        return counters.computeIfAbsent(metric.name() + '\u0000' + value, k -> metric.tag() == null
                ? Counter.builder(metric.name()).description(metric.description()).register(registry)
                : Counter.builder(metric.name()).description(metric.description()).tags(Tags.of(metric.tag(), value))
                        .register(registry));
    }

    /** A gauge under the metric's tag value, read from {@code value} at each scrape. */
    public void gauge(Metric metric, String tagValue, java.util.function.Supplier<Number> value) {
        io.micrometer.core.instrument.Gauge.builder(metric.name(), value).description(metric.description())
                .tags(metric.tag() == null ? Tags.empty() : Tags.of(metric.tag(), tagValue)).register(registry);
    }

    /** Records one duration of a timer metric, published as a histogram (Prometheus buckets). */
    public void record(Metric metric, java.time.Duration duration) {
        timers.computeIfAbsent(metric.name(), k -> io.micrometer.core.instrument.Timer.builder(metric.name())
                .description(metric.description()).publishPercentileHistogram()
                .minimumExpectedValue(java.time.Duration.ofMillis(5)).maximumExpectedValue(java.time.Duration.ofHours(1))
                .register(registry)).record(duration);
    }

    /** The timer of a metric (tests and benchmarks read its percentiles). */
    public io.micrometer.core.instrument.Timer timer(Metric metric) {
        return registry.find(metric.name()).timer();
    }

    /** The count of one tag value (null: all of them), as a whole number. */
    public long count(Metric metric, String tagValue) {
        List<Counter> counters = new ArrayList<>(tagValue == null || metric.tag() == null
                ? registry.find(metric.name()).counters()
                : registry.find(metric.name()).tag(metric.tag(), tagValue).counters());
        return Math.round(counters.stream().mapToDouble(Counter::count).sum());
    }

    public long count(Metric metric) {
        return count(metric, null);
    }
}
