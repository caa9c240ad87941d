package io.hlbridge.runtime;

import java.util.function.Consumer;

import org.apache.camel.CamelContext;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.support.EventNotifierSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An error the process cannot go on after (out of memory, a broken JVM) must not leave a zombie that answers webhooks
 * with its workers dead. Wherever one surfaces (a thread dying of it, an exchange failing with it, Vert.x, the store's
 * own thread) it is handed to the policy: the standalone bridge ends the process (exit status 3) so that its
 * supervisor starts it again, and the inbox still holds every accepted webhook. Starting the JVM with
 * {@code -XX:+ExitOnOutOfMemoryError} does the same for the places this cannot see.
 */
public final class FatalErrors {
    private static final Logger LOG = LoggerFactory.getLogger(FatalErrors.class);
    private static volatile Consumer<Throwable> policy = t -> LOG.error("Fatal error: {}", t.toString());

    private FatalErrors() {
    }

    /** The standalone bridge's policy: log in one line, then halt (no shutdown: the JVM cannot be trusted to run it). */
    public static void haltOnFatal() {
        policy = t -> {
            try {
                System.err.println("Fatal error (" + t + "): the bridge stops so that its supervisor starts it again;"
                        + " the inbox keeps every accepted webhook");
                LOG.error("Fatal error ({}): the bridge stops so that its supervisor starts it again", t.toString());
            } finally {
                Runtime.getRuntime().halt(3);
            }
        };
        Thread.setDefaultUncaughtExceptionHandler((thread, e) -> {
            check(e);
            LOG.error("Thread {} ended by {}", thread.getName(), e.toString());
        });
    }

    /** Hands {@code t} to the policy when it, or what caused it, is fatal. */
    public static void check(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof OutOfMemoryError || c instanceof InternalError || c instanceof UnknownError) {
                policy.accept(c);
                return;
            }
        }
    }

    /** Watches the exchanges of {@code context}: one that failed with a fatal error is handed to the policy. */
    public static void watch(CamelContext context) {
        context.getManagementStrategy().addEventNotifier(new EventNotifierSupport() {
            @Override
            public boolean isEnabled(CamelEvent event) {
                return event instanceof CamelEvent.ExchangeFailedEvent;
            }

            @Override
            public void notify(CamelEvent event) {
                check(((CamelEvent.ExchangeFailedEvent) event).getExchange().getException());
            }
        });
    }
}
