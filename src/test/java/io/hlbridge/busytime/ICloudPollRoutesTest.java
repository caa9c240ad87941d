package io.hlbridge.busytime;

import static io.hlbridge.busytime.ICloudToHighLevelSteps.DUE_POLLS;
import static io.hlbridge.busytime.ICloudToHighLevelSteps.POLLABLE_CALENDARS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import io.hlbridge.config.MillisPropertiesFunction;
import io.hlbridge.testing.Await;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.Processor;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.junit.jupiter.api.Test;

/**
 * The route files routes/icloud-to-highlevel.camel.yaml and poll-apple-id.camel.yaml themselves, fast: the due
 * Apple IDs (stand-in dueCalendarPolls) each reach poll-apple-id, whose stand-in pollableCalendars lists their
 * calendars, and a stand-in direct:poll-calendar records each poll. One Apple ID's calendars are polled one after
 * another (iCloud counts requests per Apple ID), two Apple IDs side by side ({@code sync.poll-concurrency=2}). Then
 * the stand-in dueSlotCopies names the Apple ID's users whose HighLevel slots are due (alice's only), and a stand-in
 * direct:copy-highlevel-slots records each, after all of that Apple ID's calendars.
 */
@CamelMainTest(properties = {
        "camel.main.routes-include-pattern=file:routes/icloud-to-highlevel.camel.yaml,file:routes/poll-apple-id.camel.yaml",
        "sync.poll-interval=200ms", "sync.poll-concurrency=2"}, configurationClasses = ICloudPollRoutesTest.StandIns.class)
class ICloudPollRoutesTest {
    /** Apple ID → its calendars, due in the first round only. */
    static final Map<String, List<String>> DUE = Map.of("alice", List.of("alice/work", "alice/home", "alice/gym"),
            "bob", List.of("bob/work", "bob/family"), "carol", List.of("carol/work"));
    static final AtomicInteger ROUNDS = new AtomicInteger();
    static final List<String> POLLED = Collections.synchronizedList(new ArrayList<>());
    /** Per Apple ID, the calendar being polled now; a second one at once is recorded as an overlap. */
    static final Map<String, AtomicReference<String>> POLLING = new ConcurrentHashMap<>();
    static final List<String> OVERLAPS = Collections.synchronizedList(new ArrayList<>());
    static final AtomicInteger AT_ONCE = new AtomicInteger();
    static final AtomicInteger MOST_AT_ONCE = new AtomicInteger();
    /** The slot copies run, each with the calendars of its Apple ID polled before it. */
    static final List<String> COPIED = Collections.synchronizedList(new ArrayList<>());

    public static class StandIns implements CamelConfiguration {
        @Override
        public void configure(CamelContext context) throws Exception {
            context.getPropertiesComponent().addPropertiesFunction(new MillisPropertiesFunction());
            context.getRegistry().bind(DUE_POLLS, (Processor) e -> e.getMessage().setBody(ROUNDS.getAndIncrement() == 0
                    ? DUE.keySet().stream().sorted().toList() : List.of()));
            context.getRegistry().bind(POLLABLE_CALENDARS, (Processor) e -> e.getMessage().setBody(
                    DUE.get(e.getMessage().getBody(String.class))));
            context.getRegistry().bind(io.hlbridge.slotcopies.SlotCopiesSteps.DUE, (Processor) e -> {
                List<?> calendars = e.getMessage().getBody(List.class);
                String appleId = String.valueOf(calendars.get(0)).split("/")[0];
                e.getMessage().setBody(appleId.equals("alice") ? List.of("alice's users") : List.of());
            });
            context.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:poll-calendar").routeId("poll-calendar-stand-in").process(ICloudPollRoutesTest::poll);
                    from("direct:copy-highlevel-slots").routeId("copy-highlevel-slots-stand-in").process(e ->
                            COPIED.add(e.getMessage().getBody(String.class) + " after "
                                    + POLLED.stream().filter(c -> c.startsWith("alice/")).count() + " calendars"));
                }
            });
        }
    }

    static void poll(org.apache.camel.Exchange exchange) throws InterruptedException {
        String calendar = exchange.getMessage().getBody(String.class);
        String appleId = calendar.substring(0, calendar.indexOf('/'));
        AtomicReference<String> now = POLLING.computeIfAbsent(appleId, k -> new AtomicReference<>());
        if (!now.compareAndSet(null, calendar)) {
            OVERLAPS.add(calendar + " while " + now.get());
        }
        MOST_AT_ONCE.accumulateAndGet(AT_ONCE.incrementAndGet(), Math::max);
        Thread.sleep(50); // a poll takes a while, so polls that may overlap do
        AT_ONCE.decrementAndGet();
        now.compareAndSet(calendar, null);
        POLLED.add(calendar);
    }

    @Test
    void eachDueCalendarIsPolledOnceOneAppleIdsOneAfterAnother() throws Exception {
        Await.until(Duration.ofSeconds(10), () -> List.copyOf(POLLED), l -> l.size() == 6, "six calendars polled");
        Await.until(Duration.ofSeconds(10), ROUNDS::get, n -> n >= 3, "two more rounds, due nothing");
        assertEquals(DUE.values().stream().flatMap(List::stream).sorted().toList(),
                POLLED.stream().sorted().toList(), "each due calendar once, none again in later rounds");
        assertEquals(List.of(), OVERLAPS, "one Apple ID's calendars never at once");
        for (List<String> calendars : DUE.values()) {
            assertEquals(calendars, POLLED.stream().filter(calendars::contains).toList(),
                    "one Apple ID's calendars in the order they were listed");
        }
        assertTrue(MOST_AT_ONCE.get() <= 2, "at most sync.poll-concurrency Apple IDs at once: " + MOST_AT_ONCE);
        assertEquals(List.of("alice's users after 3 calendars"), COPIED, "the slots of the users due, once, after"
                + " their Apple ID's calendars");
    }
}
