package io.hlbridge.routes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hlbridge.sandbox.HighLevelSandbox;
import io.hlbridge.testing.AdminClient;
import io.hlbridge.testing.Await;
import io.hlbridge.testing.BridgeHarness;
import io.hlbridge.testing.FaultProxy;
import io.hlbridge.testing.Misbehaviours;
import io.hlbridge.testing.RadicaleServer;
import io.hlbridge.testing.SubprocessBridge;
import io.hlbridge.testing.TcpRelay;
import io.hlbridge.testing.TestLogs;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Three bridge processes on one PostgreSQL (zonky's embedded binaries) with Radicale and the sandbox, each node
 * reaching the database through a relay the test can cut. Webhooks go to the nodes in turn, as from a load balancer
 * that retries on the next node when one does not answer 200 (HighLevel retries a webhook that failed).
 */
class PostgresSeveralNodesTest {
    static final Duration LONG = Duration.ofMinutes(6);
    static final Duration NORMAL = Duration.ofSeconds(60);
    static final long POLL_INTERVAL_MS = 5_000;
    static final Pattern APPOINTMENT = Pattern.compile("X-HL-APPOINTMENT-ID:([^\\r\\n]+)");
    static final Pattern SLOT_COPY = Pattern.compile("X-HL-BLOCKED-SLOT-ID:([^\\r\\n]+)");
    static EmbeddedPostgres postgres;
    static final AtomicInteger DATABASES = new AtomicInteger();

    RadicaleServer server;
    FaultProxy proxy;
    HighLevelSandbox sandbox;
    final List<SubprocessBridge> nodes = new ArrayList<>();
    final List<TcpRelay> relays = new ArrayList<>();
    final List<Map<String, String>> nodeProperties = new ArrayList<>();
    /** Calendar path → when its sync-collection REPORTs were answered, counted at the CalDAV side. */
    final Map<String, List<Long>> syncReports = new ConcurrentHashMap<>();
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    List<String> users;
    /** Blocked slots made in HighLevel (not by the bridge), copied to iCloud when the nodes run with busy. */
    final Set<String> seeded = ConcurrentHashMap.newKeySet();
    boolean copySlots;

    @BeforeAll
    static void startPostgres() throws Exception {
        postgres = EmbeddedPostgres.builder().start();
    }

    @AfterAll
    static void stopPostgres() throws Exception {
        postgres.close();
    }

    @AfterEach
    void stop() throws Exception {
        for (SubprocessBridge n : nodes) {
            n.close();
        }
        for (TcpRelay r : relays) {
            r.close();
        }
        assertEquals(List.of(), sandbox.violations(), "requests that break HighLevel's OpenAPI specs");
        assertEquals(0, sandbox.tooManyRequests(), "requests answered 429");
        sandbox.close();
        proxy.close();
        server.close();
    }

    /** {@code users} Apple IDs (each a HighLevel user of one of {@code locations}), three calendars each. */
    void world(int userCount, int locations) throws Exception {
        users = new ArrayList<>();
        for (int i = 0; i < userCount; i++) {
            users.add(String.format("user%03d", i));
        }
        server = new RadicaleServer().withUsers(users);
        server.start();
        ExecutorService pool = Executors.newFixedThreadPool(1); // Radicale dropped parallel MKCALENDARs
        List<Future<?>> made = new ArrayList<>();
        for (String u : users) {
            made.add(pool.submit(() -> {
                server.mkcalendar(u, "work", "Work");
                server.mkcalendar(u, "personal", "Personal");
                server.mkcalendar(u, "family", "Family");
                return null;
            }));
        }
        for (Future<?> f : made) {
            f.get();
        }
        pool.shutdown();
        proxy = new FaultProxy(server.baseUrl());
        proxy.misbehave(new Misbehaviours.Misbehaviour() {
            @Override
            public byte[] rewrite(String method, String path, String request, int status, byte[] answer) {
                if (method.equals("REPORT") && request.contains("sync-collection")) {
                    syncReports.computeIfAbsent(path, k -> new CopyOnWriteArrayList<>()).add(System.currentTimeMillis());
                }
                return answer;
            }
        });
        sandbox = new HighLevelSandbox();
        for (int l = 0; l < locations; l++) {
            sandbox.addLocation("L" + l, "Europe/Berlin", "pit-L" + l);
            sandbox.addCalendar("RR" + l, "L" + l, "round_robin");
        }
        for (int i = 0; i < users.size(); i++) {
            sandbox.addUser(location(i, locations), "U-" + users.get(i), "User " + i, users.get(i) + "@example.com");
        }
    }

    static String location(int user, int locations) {
        return "L" + (user % locations);
    }

    /** Three nodes on a new database of the shared PostgreSQL, each through its own relay. */
    void startNodes(int locations) throws Exception {
        String db = "bridge" + DATABASES.incrementAndGet();
        try (var c = DriverManager.getConnection(postgres.getJdbcUrl("postgres", "postgres"), "postgres", "");
                Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + db);
        }
        for (String id : List.of("node-a", "node-b", "node-c")) {
            TcpRelay relay = new TcpRelay(postgres.getPort());
            relays.add(relay);
            Map<String, String> p = BridgeHarness.properties(sandbox, proxy.url(), Files.createTempDirectory(id));
            p.keySet().removeIf(k -> k.startsWith("connections."));
            p.put("bridge.db.url", "jdbc:postgresql://127.0.0.1:" + relay.port() + "/" + db);
            p.put("bridge.db.user", "postgres");
            p.put("bridge.db.pool-size", "10");
            p.put("bridge.node-id", id);
            p.put("bridge.nodes.lease", "3s");
            p.put("sync.poll-interval", POLL_INTERVAL_MS + "ms");
            if (copySlots) {
                p.put("sync.highlevel-blocked-slots", "busy");
                p.put("sync.blocked-slots-interval", "1s"); // read at each poll of the user's Apple ID
            }
            for (int i = 0; i < users.size(); i++) {
                String u = users.get(i);
                String loc = location(i, locations);
                BridgeHarness.connection(p, u, loc, "U-" + u, u, "Work");
                p.put("connections." + u + ".highlevel-token", "pit-" + loc);
                p.put("connections." + u + ".conflict-calendars", "Personal,Family");
            }
            nodeProperties.add(p);
        }
        for (Map<String, String> p : nodeProperties) { // started together: the migration runs once
            nodes.add(new SubprocessBridge(p).jvm("-Xmx384m").runAsync());
        }
        for (int n = 0; n < nodes.size(); n++) {
            nodes.get(n).awaitListening(Integer.parseInt(nodeProperties.get(n).get("camel.server.port")));
        }
        Await.until(NORMAL, this::liveNodes, live -> live == 3, "three live nodes on the status API");
    }

    /** Live nodes as node-a's admin API lists them. */
    long liveNodes() throws Exception {
        AdminClient admin = new AdminClient(Integer.parseInt(nodeProperties.get(0).get("camel.management.port")), null);
        AdminClient.Answer a;
        try {
            a = admin.get("/nodes");
        } catch (java.io.IOException e) {
            return -1; // its management server is not listening yet (the webhook port is bound first)
        }
        if (a.status() != 200) {
            return -1;
        }
        long live = 0;
        for (JsonNode n : a.json().path("nodes")) {
            live += n.path("live").asBoolean() ? 1 : 0;
        }
        return live;
    }

    /** One appointment for user {@code i}, its k-th: booked at HighLevel, its webhook not sent yet. */
    HighLevelSandbox.SignedWebhook booking(int i, int k, int locations) throws Exception {
        String loc = location(i, locations);
        String day = String.format("2026-12-%02d", 3 + k % 25);
        String start = String.format("%sT%02d:%02d:00Z", day, 7 + (k / 25) % 10, 0);
        String end = String.format("%sT%02d:%02d:00Z", day, 7 + (k / 25) % 10, 30);
        ObjectNode e = sandbox.book(Map.of("calendarId", "RR" + loc.substring(1), "locationId", loc,
                "assignedUserId", "U-" + users.get(i), "startTime", start, "endTime", end, "title", "Visit " + k), false);
        return sandbox.webhook("AppointmentCreate", e);
    }

    /** When each node last failed a webhook: a load balancer leaves a failing node out for a few seconds. */
    final Map<Integer, Long> failedAt = new ConcurrentHashMap<>();

    /** Posts to node {@code first}, then the next ones while a node does not answer 200; the node that took it. */
    int deliver(HighLevelSandbox.SignedWebhook w, int first) throws Exception {
        for (int attempt = 0; attempt < 90; attempt++) {
            int n = (first + attempt) % nodes.size();
            if (attempt < nodes.size() && System.currentTimeMillis() - failedAt.getOrDefault(n, 0L) < 5_000) {
                continue;
            }
            try {
                HttpRequest r = HttpRequest.newBuilder(nodes.get(n).webhookUrl()).timeout(Duration.ofSeconds(10))
                        .header("Content-Type", "application/json").header("x-ghl-signature", w.signature())
                        .POST(HttpRequest.BodyPublishers.ofByteArray(w.body())).build();
                int status = http.send(r, HttpResponse.BodyHandlers.discarding()).statusCode();
                if (status == 200 || status == 409) {
                    return n;
                }
            } catch (java.io.IOException e) {
                // that node is down: the next one
            }
            failedAt.put(n, System.currentTimeMillis());
            if (attempt % nodes.size() == nodes.size() - 1) {
                Thread.sleep(500);
            }
        }
        throw new AssertionError("no node took a webhook");
    }

    /** appointment id → how many events in its user's Work calendar hold it, over every user. */
    Map<String, Integer> eventCounts() throws Exception {
        return countsInWork(APPOINTMENT);
    }

    /** What {@code pattern}'s first group names → how many events hold it, over every user's Work calendar. */
    Map<String, Integer> countsInWork(Pattern pattern) throws Exception {
        Map<String, Integer> counts = new HashMap<>();
        for (String u : users) {
            Matcher m = pattern.matcher(server.calendarData(u, server.baseUrl().resolve("/" + u + "/work/")));
            while (m.find()) {
                counts.merge(m.group(1).strip(), 1, Integer::sum);
            }
        }
        return counts;
    }

    /** One busy event in each of the user's three calendars (an iCloud change for each of them). */
    void busyEverywhere(int round) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<?>> puts = new ArrayList<>();
        for (String u : users) {
            puts.add(pool.submit(() -> {
                int c = 0;
                for (String cal : List.of("work", "personal", "family")) {
                    String uid = "busy-" + round + "-" + u + "-" + cal;
                    String ics = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\nBEGIN:VEVENT\r\nUID:" + uid
                            + "\r\nDTSTAMP:20261201T000000Z\r\nDTSTART:202612" + String.format("%02d", 10 + round)
                            + "T" + String.format("%02d", 5 + c) + "0000Z\r\nDURATION:PT30M\r\nSUMMARY:Busy "
                            + cal + "\r\nTRANSP:OPAQUE\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
                    URI at = server.baseUrl().resolve("/" + u + "/" + cal + "/" + uid + ".ics");
                    int status = server.sendAs(u, "PUT", at, ics, Map.of("Content-Type", "text/calendar")).statusCode();
                    assertTrue(status == 201 || status == 204, "PUT " + at + " -> " + status);
                    c++;
                }
                return null;
            }));
        }
        for (Future<?> f : puts) {
            f.get();
        }
        pool.shutdown();
    }

    /** The blocked slots of every user: user → slot start times (each busy event once). */
    /** The blocked slots the bridge made from each user's iCloud events, as start/end. */
    Map<String, List<String>> slots() {
        Map<String, List<String>> slots = new HashMap<>();
        for (String u : users) {
            slots.put(u, sandbox.blockedSlots("U-" + u).stream().filter(b -> !seeded.contains(b.get("id").asText()))
                    .map(b -> java.time.Instant.parse(b.get("startTime").asText()) + "/"
                            + java.time.Instant.parse(b.get("endTime").asText())).sorted().toList());
        }
        return slots;
    }

    /** Three blocked slots per user made in HighLevel, to be copied to their Work calendars. */
    void seedSlots(int locations) {
        java.time.Instant base = java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.HOURS)
                .plus(java.time.Duration.ofDays(2));
        for (int i = 0; i < users.size(); i++) {
            for (int k = 0; k < 3; k++) {
                java.time.Instant start = base.plus(java.time.Duration.ofHours(3L * k + i % 3));
                seeded.add(sandbox.blockTime(location(i, locations), "U-" + users.get(i), "Held " + k, start,
                        start.plus(java.time.Duration.ofMinutes(45))));
            }
        }
    }

    /** slot id → how many busy events hold it, over every user's Work calendar. */
    Map<String, Integer> slotCopyCounts() throws Exception {
        return countsInWork(SLOT_COPY);
    }

    void awaitEachSlotOnce(String what) throws Exception {
        Map<String, Integer> counts = Await.until(LONG, this::slotCopyCounts,
                c -> c.keySet().containsAll(seeded), what);
        assertEquals(seeded, counts.keySet(), "only the slots made in HighLevel have busy events");
        counts.forEach((id, n) -> assertEquals(1, n, "slot " + id + " in iCloud once"));
    }

    static boolean eachOnce(Map<String, Integer> counts, Set<String> expected) {
        return counts.keySet().containsAll(expected);
    }

    /** Sends {@code count} appointments' webhooks from 6 threads, to the nodes in turn; their ids. */
    Set<String> burst(int count, int locations, Runnable midway) throws Exception {
        Set<String> ids = ConcurrentHashMap.newKeySet();
        ExecutorService senders = Executors.newFixedThreadPool(6);
        AtomicInteger sent = new AtomicInteger();
        List<Future<?>> fs = new ArrayList<>();
        for (int j = 0; j < count; j++) {
            int k = j;
            fs.add(senders.submit(() -> {
                HighLevelSandbox.SignedWebhook w = booking(k % users.size(), k / users.size(), locations);
                deliver(w, k % nodes.size());
                ids.add(new com.fasterxml.jackson.databind.ObjectMapper().readTree(w.body()).path("appointment")
                        .path("id").asText());
                if (sent.incrementAndGet() == count / 3 && midway != null) {
                    midway.run();
                }
                return null;
            }));
        }
        for (Future<?> f : fs) {
            f.get();
        }
        senders.shutdown();
        return ids;
    }

    void awaitEachOnce(Set<String> ids, String what) throws Exception {
        Map<String, Integer> counts = Await.until(LONG, this::eventCounts, c -> eachOnce(c, ids), what);
        Map<String, Integer> wrong = new HashMap<>();
        counts.forEach((id, n) -> {
            if (ids.contains(id) && n != 1) {
                wrong.put(id, n);
            }
        });
        assertEquals(Map.of(), wrong, "appointments in iCloud more than once");
        assertEquals(ids.size(), counts.keySet().stream().filter(ids::contains).count(), "every appointment");
    }

    @Test
    void threeNodesShareTheWorkWithoutDoingAnyOfItTwice() throws Exception {
        // 40 Apple IDs and 800 appointments over 10 locations: enough for every node to claim, wait and share; the
        // throughput at thousands of appointments per node is NodesBench's
        int locations = 10;
        int users = 40;
        int appointments = 800;
        world(users, locations);
        startNodes(locations);
        long started = System.currentTimeMillis();
        busyEverywhere(0);
        Set<String> ids = burst(appointments, locations, null);
        awaitEachOnce(ids, appointments + " appointments in iCloud");
        long appointmentsDone = System.currentTimeMillis();
        Map<String, List<String>> slots = Await.until(LONG, this::slots,
                s -> s.values().stream().allMatch(l -> l.size() >= 3), "three blocked slots for each of " + users + " users");
        awaitTwoMoreRounds(slots.size()); // nothing is posted twice
        assertEquals(slots, slots(), "the slots did not change after two more polls");
        slots.forEach((u, times) -> assertEquals(3, Set.copyOf(times).size(), u + ": each busy event once: " + times));

        // Counted at the CalDAV side: each calendar's sync-collection REPORTs over the time between its first and
        // last. One node per Apple ID per interval allows span / interval + 1 of them (a claim may start a tenth of
        // an interval early); two nodes polling it would make twice as many. Single gaps can be shorter than an
        // interval: a poll's calendars are read one after another, and the first poll of an Apple ID also posts its
        // slots before reading the next calendar, so its later calendars are read later in that poll than in the next.
        String worst = "";
        double worstRatio = 0;
        long minimumGap = Long.MAX_VALUE;
        for (Map.Entry<String, List<Long>> e : syncReports.entrySet()) {
            List<Long> times = new ArrayList<>(e.getValue());
            times.sort(null);
            long span = times.get(times.size() - 1) - times.get(0);
            long allowed = span / (POLL_INTERVAL_MS * 9 / 10) + 1;
            double ratio = (double) times.size() / allowed;
            if (ratio > worstRatio) {
                worstRatio = ratio;
                worst = e.getKey() + ": " + times.size() + " polls in " + span + " ms";
            }
            for (int i = 1; i < times.size(); i++) {
                minimumGap = Math.min(minimumGap, times.get(i) - times.get(i - 1));
            }
        }
        assertTrue(syncReports.size() >= 3 * users, "every calendar polled: " + syncReports.size());
        assertTrue(worstRatio <= 1.0, "no calendar polled more than once per interval; most often: " + worst);
        Map<String, Long> polled = pollsPerNode();
        Files.writeString(TestLogs.file("several-nodes-burst.txt").toPath(), appointments + " appointments in "
                + (appointmentsDone - started) + " ms; polls per node " + polled + "; most polled calendar " + worst
                + "; closest two polls of one calendar " + minimumGap + " ms\n");
        assertTrue(polled.values().stream().filter(n -> n > 0).count() >= 2, "the polls spread over the nodes: "
                + polled);
    }

    @Test
    void theOtherNodesFinishTheWorkOfAKilledNodeAndOfOneCutFromTheDatabase() throws Exception {
        int locations = 4;
        world(20, locations);
        copySlots = true; // HighLevel's blocked slots go to iCloud too, through the kill and the cut
        seedSlots(locations);
        startNodes(locations);
        busyEverywhere(1);
        Set<String> first = burst(300, locations, () -> {
            try {
                nodes.get(0).kill();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        relays.get(1).cut();
        Set<String> second = burst(300, locations, null);
        awaitEachOnce(union(first, second), "600 appointments with node-a killed and node-b cut off");
        Map<String, List<String>> slots = Await.until(LONG, this::slots,
                s -> s.values().stream().allMatch(l -> l.size() >= 3), "three blocked slots for each user");
        relays.get(1).restore();
        awaitTwoMoreRounds(slots.size());
        assertEquals(slots, slots(), "node-b back on the database posts nothing twice");
        slots.forEach((u, times) -> assertEquals(3, Set.copyOf(times).size(), u + ": each busy event once"));
        awaitEachOnce(union(first, second), "nothing written twice after node-b came back");
        awaitEachSlotOnce("each of the " + seeded.size() + " slots made in HighLevel in iCloud once");
        assertEquals(0, sandbox.tooManyRequests(), "HighLevel never answered 429");
    }

    @Test
    void aRollingRestartUnderLoadLosesAndDuplicatesNothing() throws Exception {
        int locations = 4;
        world(20, locations);
        startNodes(locations);
        ExecutorService restarter = Executors.newSingleThreadExecutor();
        Future<?> restarts = restarter.submit(() -> {
            for (int n = 0; n < nodes.size(); n++) {
                int exit = nodes.get(n).terminate(NORMAL); // the JVM ends with 143 once SIGTERM's shutdown is done
                assertTrue(exit == 0 || exit == 143, "node stopped on SIGTERM: " + exit);
                nodes.set(n, new SubprocessBridge(nodeProperties.get(n)).jvm("-Xmx384m").start());
            }
            return null;
        });
        Set<String> ids = ConcurrentHashMap.newKeySet();
        int round = 0;
        while (!restarts.isDone()) {
            ids.addAll(burst(60, locations, null));
            busyEverywhere(2 + round++ % 10);
        }
        restarts.get();
        restarter.shutdown();
        ids.addAll(burst(60, locations, null));
        awaitEachOnce(ids, ids.size() + " appointments through a rolling restart");
        int rounds = round;
        Map<String, List<String>> slots = Await.until(LONG, this::slots,
                s -> s.values().stream().allMatch(l -> Set.copyOf(l).size() >= 3 * Math.min(rounds, 10)),
                "every busy event's slot");
        awaitTwoMoreRounds(slots.size());
        assertEquals(slots, slots(), "no slot posted twice after the restarts");
        slots.forEach((u, times) -> assertEquals(times.size(), Set.copyOf(times).size(), u + ": each busy event once"));
    }

    static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new java.util.HashSet<>(a);
        all.addAll(b);
        return all;
    }

    /**
     * Waits until the live nodes together started two more polls of each of the users' three calendars: "two more
     * rounds", counted instead of slept.
     */
    void awaitTwoMoreRounds(int users) throws Exception {
        long before = pollsPerNode().values().stream().mapToLong(Long::longValue).sum();
        Await.until(LONG, () -> pollsPerNode().values().stream().mapToLong(Long::longValue).sum(),
                n -> n >= before + 2L * 3 * users, "two more rounds of polls");
    }

    /** Polls each live node started (bridge_polls_started_total), by node id; a node that does not answer is left out. */
    Map<String, Long> pollsPerNode() throws Exception {
        Map<String, Long> polls = new java.util.TreeMap<>();
        for (Map<String, String> p : nodeProperties) {
            HttpResponse<String> r;
            try {
                r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                        + p.get("camel.management.port") + "/observe/metrics")).timeout(NORMAL).build(),
                        HttpResponse.BodyHandlers.ofString());
            } catch (java.io.IOException e) {
                continue; // killed or stopped
            }
            long n = 0;
            for (String line : r.body().split("\n")) {
                if (line.startsWith("bridge_polls_started_total")) {
                    n += (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                }
            }
            polls.put(p.get("bridge.node-id"), n);
        }
        return polls;
    }
}
