package io.hlbridge.inbox;

import static io.hlbridge.inbox.InboxSteps.DUE_WORK;
import static io.hlbridge.inbox.InboxSteps.RECONCILE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.hlbridge.config.MillisPropertiesFunction;
import io.hlbridge.nodes.NodesWiring;
import io.hlbridge.testing.Await;
import org.apache.camel.BeanInject;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.Processor;
import org.apache.camel.builder.NotifyBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.support.RoutePolicySupport;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The route files routes/inbox-sweeper.camel.yaml and highlevel-reconcile.camel.yaml themselves, fast: what the
 * stand-in steps find due (dueInboxWork) or lost (reconcileAppointments) reaches seda:appointment-sync once, where a
 * stand-in consumer takes it; a full queue neither blocks nor fails the sweeper (work that does not fit stays due in
 * the inbox).
 */
@CamelMainTest(properties = {
        "camel.main.routes-include-pattern=file:routes/inbox-sweeper.camel.yaml,file:routes/highlevel-reconcile.camel.yaml",
        "bridge.inbox.sweep-interval=100ms", "sync.reconcile-interval=300ms"},
        configurationClasses = InboxRoutesTest.StandIns.class)
class InboxRoutesTest {
    static final AtomicInteger SWEEPS = new AtomicInteger();
    static final AtomicInteger RECONCILES = new AtomicInteger();
    static final List<String> QUEUED = Collections.synchronizedList(new ArrayList<>());
    /** The stand-in consumer waits for this before taking its first key, so the queue fills. */
    static volatile CountDownLatch consumerFree = new CountDownLatch(0);
    static volatile List<String> firstSweep = List.of();

    public static class StandIns implements CamelConfiguration {
        @Override
        public void configure(CamelContext context) throws Exception {
            context.getPropertiesComponent().addPropertiesFunction(new MillisPropertiesFunction());
            context.getRegistry().bind(NodesWiring.SINGLETON_POLICY, new RoutePolicySupport() { }); // one node here
            context.getRegistry().bind(DUE_WORK, (Processor) e -> e.getMessage().setBody(
                    SWEEPS.getAndIncrement() == 0 ? firstSweep : List.of()));
            context.getRegistry().bind(RECONCILE, (Processor) e -> e.getMessage().setBody(
                    RECONCILES.getAndIncrement() == 0 ? List.of("appointment:lost-1") : List.of()));
            context.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("seda:appointment-sync?size=3").routeId("highlevel-to-icloud-stand-in").process(e -> {
                        consumerFree.await(10, TimeUnit.SECONDS);
                        QUEUED.add(e.getMessage().getBody(String.class));
                    });
                }
            });
        }
    }

    @BeanInject
    CamelContext context;

    @BeforeEach
    void reset() {
        SWEEPS.set(0);
        RECONCILES.set(0);
        QUEUED.clear();
    }

    @Test
    void dueAndReconciledWorkReachesTheSyncQueueOnce() throws Exception {
        firstSweep = List.of("appointment:A1", "appointment:A2");
        consumerFree = new CountDownLatch(0);
        Await.until(Duration.ofSeconds(10), SWEEPS::get, n -> n >= 4, "three sweeps after the first");
        Await.until(Duration.ofSeconds(10), RECONCILES::get, n -> n >= 2, "a reconcile after the first");
        assertEquals(List.of("appointment:A1", "appointment:A2", "appointment:lost-1"),
                QUEUED.stream().sorted().toList(), "each key once; later rounds found nothing");
    }

    @Test
    void aFullQueueDoesNotHoldTheSweeper() throws Exception {
        firstSweep = List.of("appointment:B1", "appointment:B2", "appointment:B3", "appointment:B4",
                "appointment:B5", "appointment:B6");
        consumerFree = new CountDownLatch(1);
        NotifyBuilder failed = new NotifyBuilder(context).fromRoute("inbox-sweeper").whenFailed(1).create();
        Await.until(Duration.ofSeconds(10), SWEEPS::get, n -> n >= 4, "three sweeps while the consumer is held");
        consumerFree.countDown();
        Await.until(Duration.ofSeconds(10), () -> List.copyOf(QUEUED), l -> !l.isEmpty(), "the held consumer's work");
        Await.until(Duration.ofSeconds(10), SWEEPS::get, n -> n >= 8, "more sweeps after");
        assertTrue(QUEUED.size() <= 5, "one taken, three queued, perhaps the reconciled key; what did not fit was dropped (it stays due in the"
                + " inbox), not queued behind the sweeper: " + QUEUED);
        assertFalse(failed.matches(), "a full queue is no failure of the sweeper's");
    }
}
