package io.hlbridge.bench;

import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.file.Files;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hlbridge.config.EventDetails;
import io.hlbridge.highlevel.Appointment;
import io.hlbridge.ical.AppointmentToVEvent;
import io.hlbridge.runtime.BridgeMetrics;
import io.hlbridge.sandbox.HighLevelSandbox;
import io.hlbridge.testing.BridgeHarness;
import io.hlbridge.testing.CalDavServer;
import io.hlbridge.testing.RadicaleServer;

/** End to end against Radicale, beside Radicale's raw PUT rate at the same concurrency. */
final class EndToEndBench {
    private EndToEndBench() {
    }

    // ---- 2. end to end against Radicale -----------------------------------------------------------------

    /**
     * Untimed warm-up on both sides, then {@code rounds} pairs of timed phases taken in turn: {@code n} raw PUTs into
     * a fresh set of calendars, then {@code n} appointments through the bridge into another fresh set. Radicale's
     * rate drifts during a run, so each pair is compared on its own and the totals over all pairs are given too.
     */
    static Table endToEnd(int n, int rounds, int warmUp, int concurrency) throws Exception {
        int locations = 40; // an agency's sub-accounts: HighLevel's 10 requests/s apply per location
        try (CalDavServer radicale = new RadicaleServer().start(); HighLevelSandbox sandbox = new HighLevelSandbox()) {
            // The raw client PUTs what the bridge will write (the same rendering of the same kind of appointment,
            // If-None-Match: *). Every phase writes into calendars of its own, so timed PUTs on both sides meet
            // calendars of the same size: Radicale's cost per PUT grows with the calendar, while the warm-up must be
            // long enough for the JIT to finish.
            List<URI> rawWarm = new ArrayList<>();
            List<List<URI>> rawTimed = new ArrayList<>();
            for (int l = 0; l < locations; l++) {
                rawWarm.add(radicale.mkcalendar(CalDavServer.USER, "rawwarm" + l, "Raw warm-up " + l));
            }
            for (int r = 0; r < rounds; r++) {
                List<URI> set = new ArrayList<>();
                for (int l = 0; l < locations; l++) {
                    set.add(radicale.mkcalendar(CalDavServer.USER, "raw" + r + "x" + l, "Raw " + r + " " + l));
                }
                rawTimed.add(set);
            }
            List<String> rawEvents = renderedAppointments(warmUp + n, locations);
            putAll(radicale, rawWarm, rawEvents.subList(n, n + warmUp), concurrency);

            Map<String, String> p = BridgeHarness.properties(sandbox, radicale.baseUrl(),
                    Files.createTempDirectory("bench-e2e-"));
            p.put("sync.concurrency", String.valueOf(concurrency));
            p.put("bridge.inbox.sweep-interval", "1s");
            p.keySet().removeIf(k -> k.startsWith("connections."));
            p.put("sync.poll-interval", "1h"); // the iCloud -> HighLevel direction stays out of the figure
            // In each location, user W<l> takes the warm-up appointments into calendar "Warm <l>", and user
            // T<r>_<l> the timed ones of round r into "Timed <r> <l>"; all are booked in the same HighLevel calendar.
            List<String> prefixes = new ArrayList<>(List.of("W"));
            for (int r = 0; r < rounds; r++) {
                prefixes.add("T" + r + "_");
            }
            for (int l = 0; l < locations; l++) {
                String loc = "L" + l;
                sandbox.addLocation(loc, "UTC", "token-" + l);
                sandbox.addCalendar("RR" + l, loc, "round_robin");
                for (String prefix : prefixes) {
                    String name = prefix.toLowerCase().replace("_", "x") + l;
                    String calendar = (prefix.equals("W") ? "Warm " : "Timed " + prefix.substring(1, prefix.length() - 1)
                            + " ") + l;
                    radicale.mkcalendar(CalDavServer.USER, name + "cal", calendar);
                    BridgeHarness.connection(p, name, loc, prefix + l, CalDavServer.USER, calendar);
                    p.put("connections." + name + ".highlevel-token", "token-" + l);
                }
            }
            try (BridgeHarness bridge = BridgeHarness.start(p)) {
                // booked after the start-up reconciliation ran, so every appointment travels by its webhook
                Thread.sleep(3_000);
                List<HighLevelSandbox.SignedWebhook> warm = bookAndSign(sandbox, "W", warmUp, locations);
                IntakeBench.blast(bridge.webhookUrl(), warm, concurrency);
                while (bridge.metrics().count(BridgeMetrics.CALDAV_WRITES, "put") < warmUp) {
                    Thread.sleep(20);
                }
                Table t = new Table("round", "appointments (after untimed)", "concurrency", "Radicale raw PUT /s",
                        "bridge webhook→PUT /s", "bridge / raw", "CPU ms per event, raw: Radicale / JVM",
                        "CPU ms per event, bridge: Radicale / JVM");
                double rawSeconds = 0;
                double bridgeSeconds = 0;
                for (int r = 0; r < rounds; r++) {
                    List<HighLevelSandbox.SignedWebhook> timed = bookAndSign(sandbox, "T" + r + "_", n, locations);
                    long[] cpu0 = cpu(radicale);
                    long s0 = System.nanoTime();
                    putAll(radicale, rawTimed.get(r), rawEvents.subList(0, n), concurrency);
                    double raw = (System.nanoTime() - s0) / 1e9;
                    long[] rawCpu = since(cpu0, cpu(radicale));

                    long[] cpu1 = cpu(radicale);
                    long s1 = System.nanoTime();
                    IntakeBench.blast(bridge.webhookUrl(), timed, concurrency);
                    while (bridge.metrics().count(BridgeMetrics.CALDAV_WRITES, "put") < (long) warmUp + (long) (r + 1) * n) {
                        Thread.sleep(20);
                    }
                    double viaBridge = (System.nanoTime() - s1) / 1e9;
                    long[] bridgeCpu = since(cpu1, cpu(radicale));
                    rawSeconds += raw;
                    bridgeSeconds += viaBridge;
                    t.row(r + 1, n + " (" + warmUp + ")", concurrency, String.format("%.0f", n / raw),
                            String.format("%.0f", n / viaBridge), String.format("%.0f%%", 100 * raw / viaBridge),
                            String.format("%.1f / %.1f", rawCpu[0] / 1e6 / n, rawCpu[1] / 1e6 / n),
                            String.format("%.1f / %.1f", bridgeCpu[0] / 1e6 / n, bridgeCpu[1] / 1e6 / n));
                }
                t.row("all", rounds * n, concurrency, String.format("%.0f", rounds * n / rawSeconds),
                        String.format("%.0f", rounds * n / bridgeSeconds),
                        String.format("%.0f%%", 100 * rawSeconds / bridgeSeconds), "", "");
                t.print("End to end against Radicale (" + locations + " locations, HighLevel 429s: "
                        + sandbox.tooManyRequests() + "); the JVM holds the bridge, the sandbox, the clients and the"
                        + " JIT, on the same 2 cores as Radicale");
                return t;
            }
        }
    }

    /** Books {@code count} appointments for users {@code <prefix><l>} across the locations, and signs their webhooks. */
    static List<HighLevelSandbox.SignedWebhook> bookAndSign(HighLevelSandbox sandbox, String userPrefix, int count,
            int locations) throws Exception {
        List<HighLevelSandbox.SignedWebhook> hooks = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int l = i % locations;
            ObjectNode a = sandbox.book(Map.of("calendarId", "RR" + l, "locationId", "L" + l, "assignedUserId",
                    userPrefix + l, "startTime", "2026-12-01T10:00:00Z", "endTime", "2026-12-01T11:00:00Z",
                    "title", "Appointment " + userPrefix + i, "users", List.of()), false);
            hooks.add(sandbox.webhook("AppointmentCreate", a));
        }
        return hooks;
    }

    /** CPU nanoseconds used so far by the CalDAV server's process and by this JVM. */
    static long[] cpu(CalDavServer server) {
        return new long[] {server.cpuTime().toNanos(), ((com.sun.management.OperatingSystemMXBean) ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime()};
    }

    static long[] since(long[] before, long[] after) {
        return new long[] {after[0] - before[0], after[1] - before[1]};
    }

    /** The iCalendar text the bridge writes for appointments like the end-to-end ones (booked in a scratch sandbox). */
    static List<String> renderedAppointments(int n, int locations) throws Exception {
        List<String> out = new ArrayList<>();
        AppointmentToVEvent render = new AppointmentToVEvent(EventDetails.FULL);
        try (HighLevelSandbox scratch = new HighLevelSandbox()) {
            for (int l = 0; l < locations; l++) {
                scratch.addLocation("L" + l, "UTC", "token-" + l);
                scratch.addCalendar("RR" + l, "L" + l, "round_robin");
            }
            for (int i = 0; i < n; i++) {
                int l = i % locations;
                ObjectNode a = scratch.book(Map.of("calendarId", "RR" + l, "locationId", "L" + l, "assignedUserId",
                        "U" + l, "startTime", "2026-12-01T10:00:00Z", "endTime", "2026-12-01T11:00:00Z",
                        "title", "E2E " + i, "users", List.of()), false);
                out.add(render.toCalendar(Appointment.fromJson(a, "L" + l), ZoneOffset.UTC, 0, Instant.now()).ics());
            }
        }
        return out;
    }

    /** Creates each event (If-None-Match: *) with a plain HTTP client, {@code concurrency} requests at a time. */
    static void putAll(CalDavServer server, List<URI> calendars, List<String> events, int concurrency) throws Exception {
        BenchSupport.inParallel(events.size(), concurrency, i -> {
            URI resource = calendars.get(i % calendars.size()).resolve("raw-" + UUID.randomUUID() + ".ics");
            int status = server.send("PUT", resource, events.get(i), Map.of("Content-Type",
                    "text/calendar; charset=utf-8", "If-None-Match", "*")).statusCode();
            if (status / 100 != 2) {
                throw new IllegalStateException("raw PUT answered " + status);
            }
        });
    }

    // ---- 3. CPU per appointment against a PUT sink ------------------------------------------------------
}
