package io.hlbridge.inbox;

import java.util.List;

import io.hlbridge.runtime.RouteContract;

/**
 * The step names of the inbox's own routes (routes/inbox-sweeper.camel.yaml, inbox-retention.camel.yaml and
 * highlevel-reconcile.camel.yaml), each declared once: the wiring binds under them and the route contracts require
 * them.
 */
public final class InboxSteps {
    public static final String DUE_WORK = "dueInboxWork";
    public static final String PRUNE = "pruneInbox";
    public static final String RECONCILE = "reconcileAppointments";

    public static final List<RouteContract> CONTRACTS = List.of(
            new RouteContract("inbox-sweeper", List.of(DUE_WORK), "retries and work left by a restart run"),
            new RouteContract("highlevel-reconcile", List.of(RECONCILE), "lost webhooks are found"),
            new RouteContract("inbox-retention", List.of(PRUNE), "old inbox entries are deleted"));

    private InboxSteps() {
    }
}
