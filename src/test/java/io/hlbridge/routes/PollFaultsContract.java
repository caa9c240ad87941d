package io.hlbridge.routes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Files;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hlbridge.runtime.BridgeMetrics;
import io.hlbridge.sandbox.HighLevelSandbox;
import io.hlbridge.testing.Await;
import io.hlbridge.testing.BridgeHarness;
import io.hlbridge.testing.CalDavServer;
import io.hlbridge.testing.FaultProxy;
import io.hlbridge.testing.TestSecrets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The bridge behind a proxy that adds iCloud's quirks to a real server (the collection listed among sync
 * results, no ETag after PUT) and fails polls on demand: a failed poll changes nothing in HighLevel and keeps its
 * sync token; the next good poll catches up; a refused token means a full resync without duplicates.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class PollFaultsContract {
    static final Duration WAIT = Duration.ofSeconds(30);

    CalDavServer server;
    FaultProxy proxy;
    HighLevelSandbox sandbox;
    BridgeHarness bridge;
    URI calendar;
    final List<String> expected = new ArrayList<>();
    int next;

    abstract CalDavServer newServer();

    @BeforeAll
    void start() throws Exception {
        server = newServer().start();
        server.mkcalendar(CalDavServer.USER, "work", "Work");
        calendar = server.mkcalendar(CalDavServer.USER, "busy", "Busy");
        proxy = new FaultProxy(server.baseUrl());
        sandbox = new HighLevelSandbox();
        sandbox.addLocation("L1", "America/New_York", TestSecrets.HIGHLEVEL_TOKEN);
        sandbox.addCalendar("RR1", "L1", "round_robin");
        Map<String, String> p = BridgeHarness.properties(sandbox, proxy.url(),
                Files.createTempDirectory("bridge-faults-" + server.name()));
        p.put("connections.alice.conflict-calendars", "Busy");
        ICloudToHighLevelContract.pollFast(p);
        p.put("bridge.retry.credentials-delay", "2s"); // a 401 holds the connection back this long
        bridge = BridgeHarness.start(p);
        sandbox.setWebhookTarget(bridge.webhookUrl());
    }

    @AfterEach
    void sandboxSawOnlyValidRequests() {
        proxy.setFault(FaultProxy.Fault.NONE);
        sandbox.assertOnlyValidRequests();
    }

    @AfterAll
    void stop() throws Exception {
        bridge.close();
        proxy.close();
        sandbox.close();
        server.close();
    }

    /** A new busy event written straight to the server; returns its expected slot. */
    String addEvent() throws Exception {
        LocalDate d = LocalDate.now(ICloudToHighLevelContract.NEW_YORK).plusDays(10 + next);
        String uid = "fault-" + next++;
        server.put(calendar.resolve(uid + ".ics"), ICloudToHighLevelContract.appleCalendar("UID:" + uid + "\nDTSTART;"
                + ICloudToHighLevelContract.ny(d, 9, 0) + "\nDTEND;" + ICloudToHighLevelContract.ny(d, 10, 0)
                + "\nSUMMARY:Busy\nTRANSP:OPAQUE"));
        return ICloudToHighLevelContract.at(d, 9, 0) + "/" + ICloudToHighLevelContract.at(d, 10, 0);
    }

    List<String> slots() {
        return sandbox.blockedSlotTimes("U1");
    }

    void awaitExpected() throws Exception {
        List<String> sorted = expected.stream().sorted().toList();
        Await.until(WAIT, this::slots, sorted::equals, "blocked slots " + sorted);
    }

    /** The fault holds for a few polls: HighLevel sees nothing; then it clears and the next poll catches up. */
    void failedPollsChangeNothingAndTheNextPollRecovers(FaultProxy.Fault fault) throws Exception {
        expected.add(addEvent());
        awaitExpected();
        proxy.setFault(fault);
        long failed = bridge.metrics().count(BridgeMetrics.POLLS, "failed");
        String missed = addEvent();
        sandbox.clearRequests();
        Await.until(WAIT, () -> bridge.metrics().count(BridgeMetrics.POLLS, "failed"), n -> n >= failed + 3, "three failed polls");
        assertEquals(expected.stream().sorted().toList(), slots(), "a failed poll changes nothing in HighLevel");
        assertTrue(sandbox.requests().stream().noneMatch(r -> r.contains("block-slots")), sandbox.requests().toString());
        assertTrue(proxy.faultsServed() > 0);
        proxy.setFault(FaultProxy.Fault.NONE);
        expected.add(missed);
        awaitExpected();
    }

    @Test
    void a503DuringAPoll() throws Exception {
        failedPollsChangeNothingAndTheNextPollRecovers(FaultProxy.Fault.UNAVAILABLE_503);
    }

    @Test
    void a401DuringAPoll() throws Exception {
        failedPollsChangeNothingAndTheNextPollRecovers(FaultProxy.Fault.UNAUTHORIZED_401);
    }

    @Test
    void brokenXmlDuringAPoll() throws Exception {
        failedPollsChangeNothingAndTheNextPollRecovers(FaultProxy.Fault.BROKEN_XML);
    }

    @Test
    void aRefusedSyncTokenMeansAFullResyncWithoutDuplicates() throws Exception {
        expected.add(addEvent());
        awaitExpected();
        long refused = bridge.metrics().count(BridgeMetrics.TOKEN_REFUSED);
        proxy.setFault(FaultProxy.Fault.INVALID_SYNC_TOKEN_403);
        Await.until(WAIT, () -> bridge.metrics().count(BridgeMetrics.TOKEN_REFUSED), n -> n >= refused + 2, "refused tokens");
        expected.add(addEvent()); // seen by the full resync's etag diff, while sync-collection is refused
        awaitExpected();
        proxy.setFault(FaultProxy.Fault.NONE);
        bridge.awaitAnotherPoll();
        assertEquals(expected.stream().sorted().toList(), slots(), "nothing imported twice");
    }

    @Test
    void aRevokedAppPasswordHoldsTheConnectionUntilItIsReplaced() throws Exception {
        Map<String, String> p = BridgeHarness.properties(sandbox, proxy.url(),
                Files.createTempDirectory("bridge-revoked-" + server.name()));
        p.keySet().removeIf(k -> k.startsWith("connections."));
        BridgeHarness.connection(p, "revoked", "L1", "U7", CalDavServer.USER, "Work");
        p.put("connections.revoked.app-password", TestSecrets.REVOKED_APP_PASSWORD);
        p.put("bridge.retry.credentials-delay", "1h");
        ICloudToHighLevelContract.pollFast(p);
        // no reconciliation: one that ran before the webhook arrived queued the appointment a second time, and the
        // test counted that entry's (held, not sent) attempt as a second retry
        p.put("sync.reconcile-interval", "1h");
        String id;
        try (BridgeHarness revoked = BridgeHarness.start(p)) {
            sandbox.setWebhookTarget(revoked.webhookUrl());
            id = sandbox.book(Map.of("calendarId", "RR1", "locationId", "L1", "assignedUserId", "U7",
                    "startTime", "2026-12-23T15:00:00Z", "endTime", "2026-12-23T16:00:00Z", "title", "Revoked"), true)
                    .get("id").asText();
            Await.until(WAIT, () -> revoked.metrics().count(BridgeMetrics.INBOX, "retried"), n -> n >= 1, "the held write");
            int refused = proxy.refusedLogins();
            assertTrue(refused >= 1, "the server refused the password");
            BridgeHarness.await(revoked.exchanges("icloud-to-highlevel", 4), revoked.exchanges("inbox-sweeper", 20));
            assertEquals(refused, proxy.refusedLogins(), "after a 401, nothing is sent with that password again");
            assertEquals(1, revoked.metrics().count(BridgeMetrics.INBOX, "retried"), "the webhook waits; it is not retried hot");
            try (var c = revoked.database().connection(); var rs = c.createStatement().executeQuery(
                    "SELECT status, reason FROM connection_state WHERE connection_name = 'revoked'")) {
                assertTrue(rs.next(), "the connection is marked");
                assertEquals("NEEDS_CREDENTIALS", rs.getString(1));
                assertTrue(rs.getString(2).contains("401"), rs.getString(2));
            }
        } finally {
            sandbox.setWebhookTarget(bridge.webhookUrl());
        }

        p.put("connections.revoked.app-password", TestSecrets.APP_PASSWORD); // the user made a new one
        ICloudToHighLevelContract.pollFast(p); // as before the first bridge
        URI work = server.baseUrl().resolve(server.homePath(CalDavServer.USER) + "work/");
        try (BridgeHarness replaced = BridgeHarness.start(p)) {
            Await.until(WAIT, () -> server.events(work).values().stream()
                    .filter(i -> i.contains("X-HL-APPOINTMENT-ID:" + id)).count(), n -> n == 1,
                    "the held appointment, written as soon as the password is replaced");
        }
    }

    @Test
    void appointmentsReachTheCalendarWhenPutAnswersCarryNoEtag() throws Exception {
        ObjectNode a = sandbox.book(Map.of("calendarId", "RR1", "locationId", "L1", "assignedUserId", "U1",
                "startTime", "2026-12-24T15:00:00Z", "endTime", "2026-12-24T16:00:00Z", "title", "No ETag"), true);
        String id = a.get("id").asText();
        URI work = server.baseUrl().resolve(server.homePath(CalDavServer.USER) + "work/");
        Await.until(WAIT, () -> server.events(work).values().stream().filter(i -> i.contains("SUMMARY:No ETag")).count(),
                n -> n == 1, "the event");
        sandbox.update(id, Map.of("title", "No ETag, updated"), true);
        Await.until(WAIT, () -> server.events(work).values().stream().filter(i -> i.contains("X-HL-APPOINTMENT-ID:" + id))
                .toList(), l -> l.size() == 1 && l.get(0).contains("SUMMARY:No ETag\\, updated"), "the updated event");
    }
}
