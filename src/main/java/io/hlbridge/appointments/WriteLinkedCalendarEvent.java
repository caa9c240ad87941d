package io.hlbridge.appointments;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import io.hlbridge.caldav.CalDavClient;
import io.hlbridge.caldav.CalDavException;
import io.hlbridge.caldav.CalendarCollection;
import io.hlbridge.caldav.ResourceName;
import io.hlbridge.caldav.CalendarDiscovery;
import io.hlbridge.caldav.DavAnswer;
import io.hlbridge.connections.Connection;
import io.hlbridge.connections.ConnectionDirectory;
import io.hlbridge.connections.Connections;
import io.hlbridge.connections.RefusedCredentials;
import io.hlbridge.highlevel.Appointment;
import io.hlbridge.highlevel.HighLevel;
import io.hlbridge.highlevel.LocationTimeZones;
import io.hlbridge.ical.AppointmentToVEvent;
import io.hlbridge.ical.CalendarDocument;
import io.hlbridge.ical.StoredEvent;
import io.hlbridge.runtime.BridgeMetrics;
import io.hlbridge.store.EventLink;
import io.hlbridge.store.InboxEntry;
import io.hlbridge.store.LinkChange;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries out the planned writes: {@link CalendarWriteDecision} says what each linked calendar gets, and this PUTs
 * with {@code If-None-Match: *} to create and {@code If-Match} to update, or DELETEs. A 412 is resolved by
 * {@link PreconditionFailedDecision}. The link changes are kept in the work and stored with its inbox completion, in
 * one transaction. The resource name derives from the appointment id, so a retry after a crash between the write and
 * that commit finds (412) and adopts what the first attempt wrote instead of writing it twice.
 */
public class WriteLinkedCalendarEvent implements Processor {
    private static final Logger LOG = LoggerFactory.getLogger(WriteLinkedCalendarEvent.class);
    /** How long work for a paused connection waits before it looks again (resuming makes it due at once). */
    private static final long PAUSED_POSTPONE_MILLIS = 300_000;

    private final CalDavClient caldav;
    private final CalendarDiscovery discovery;
    private final RefusedCredentials credentials;
    private final ConnectionDirectory directory;
    private final AppointmentToVEvent toVEvent;
    private final LocationTimeZones zones;
    private final BridgeMetrics metrics;
    private final CalendarServerBackoff backoff;

    public WriteLinkedCalendarEvent(CalDavClient caldav, CalendarDiscovery discovery, Connections connections,
            AppointmentToVEvent toVEvent, LocationTimeZones zones, BridgeMetrics metrics,
            CalendarServerBackoff backoff) {
        this.caldav = caldav;
        this.discovery = discovery;
        this.credentials = connections.credentials();
        this.directory = connections.directory();
        this.toVEvent = toVEvent;
        this.zones = zones;
        this.metrics = metrics;
        this.backoff = backoff;
    }

    /**
     * Applies every planned write of the work; one user's failing calendar does not hold back the others, and the
     * first failure is rethrown afterwards so the work is retried (writes that succeeded are no-ops then).
     */
    @Override
    public void process(Exchange exchange) throws Exception {
        AppointmentWork work = ClaimInboxWork.of(exchange);
        Exception first = null;
        boolean wrote = false;
        for (CalendarWrite w : work.writes()) {
            try {
                wrote |= write(w, work.linkChanges());
            } catch (Exception e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        if (first != null) {
            throw first;
        }
        if (wrote) { // from the webhook's arrival (the oldest one this work applies) to its write in iCloud
            long received = work.entries().stream().mapToLong(InboxEntry::receivedAt).min().orElse(0);
            if (received > 0) {
                metrics.record(BridgeMetrics.WEBHOOK_TO_CALDAV, java.time.Duration.ofMillis(Math.max(0,
                        System.currentTimeMillis() - received)));
            }
        }
    }

    /** Returns whether the CalDAV server was written to (a PUT or DELETE that took). */
    private boolean write(CalendarWrite w, List<LinkChange> changes) throws Exception {
        Connection c = w.connection();
        if (directory.isPaused(c.name())) { // resuming makes the work due again
            throw new CalendarServerBackoff.Waiting("connection '" + c.name() + "' is paused",
                    System.currentTimeMillis() + PAUSED_POSTPONE_MILLIS);
        }
        Optional<String> blocked = credentials.holding(c);
        if (blocked.isPresent()) {
            throw new CalDavException.Unauthorized("connection '" + c.name() + "' waits for new credentials: "
                    + blocked.get());
        }
        long started = System.nanoTime();
        try {
            boolean wrote = apply(w, changes);
            backoff.succeeded(c);
            return wrote;
        } catch (CalDavException.RetryLater e) {
            backoff.failed(c, e.retryAfterMillis());
            throw e;
        } catch (CalDavException.Unauthorized e) {
            credentials.record(c, e);
            throw e;
        } finally {
            backoff.tookCalendar(c, (System.nanoTime() - started) / 1_000_000);
        }
    }

    private boolean apply(CalendarWrite w, List<LinkChange> changes) throws Exception {
        Connection c = w.connection();
        Appointment a = w.appointment();
        EventLink link = w.link();
        Long updated = a == null || a.dateUpdated() == null ? null : a.dateUpdated().toEpochMilli();
        int sequence = link == null ? 0 : link.sequence() + 1;
        CalendarCollection calendar = null;
        CalendarDocument doc = null;
        if (w.wanted()) {
            calendar = discovery.linkedCalendar(c);
            doc = toVEvent.toCalendar(a, zones.writingZone(c, a), sequence, Instant.now(), c.choices().eventDetails());
        }
        return switch (CalendarWriteDecision.decide(w.wanted(), link, updated, calendar == null ? null
                : calendar.url().toString(), doc == null ? null : doc.contentHash())) {
            case NONE -> false;
            case DELETE -> {
                delete(c, link, changes);
                yield true;
            }
            case STALE -> {
                metrics.increment(BridgeMetrics.SKIPPED, "stale");
                LOG.info("Appointment {}: HighLevel answered dateUpdated {} older than the {} already applied; ignored",
                        a.id(), a.dateUpdated(), Instant.ofEpochMilli(link.hlDateUpdated()));
                yield false;
            }
            case KEEP -> {
                changes.add(LinkChange.save(link.withWrite(link.etag(), link.contentHash(), updated, link.sequence())));
                metrics.increment(BridgeMetrics.CALDAV_WRITES, "unchanged");
                yield false;
            }
            case MOVE -> {
                delete(c, link, changes); // the linked calendar was changed in the configuration
                put(c, a, null, calendar.url().resolve(resourceName(a.id())), doc, calendar, updated, sequence, changes);
                yield true;
            }
            case CREATE -> put(c, a, null, calendar.url().resolve(resourceName(a.id())), doc, calendar, updated,
                    sequence, changes);
            case UPDATE -> {
                EventLink current = link.under(calendar.url()); // the calendar may be reached under another address
                yield put(c, a, current, URI.create(current.href()), doc, calendar, updated, sequence, changes);
            }
        };
    }

    private void delete(Connection c, EventLink link, List<LinkChange> changes) throws Exception {
        URI href = URI.create(reachedNow(c, link).href());
        try {
            caldav.delete(c, href, link.etag());
        } catch (CalDavException.PreconditionFailed e) {
            // Edited in iCloud since our write; the appointment is gone in HighLevel, so the event goes too (R2).
            metrics.increment(BridgeMetrics.CONFLICTS);
            LOG.info("Appointment {}: iCloud copy in '{}' changed since our write; deleting it anyway (cancelled or"
                    + " deleted in HighLevel)", link.hlId(), c.name());
            caldav.delete(c, href, null);
        }
        changes.add(LinkChange.delete(link.hlId(), c.name()));
        metrics.increment(BridgeMetrics.CALDAV_WRITES, "delete");
        LOG.info("Appointment {} removed from calendar of '{}'", link.hlId(), c.name());
    }

    /**
     * The link under the address its calendar is reached at now: the account's calendars are found again (iCloud may
     * serve it from another partition host, icloud.caldav-url may have changed) and the link's calendar among them by
     * its path; as written when it is not among them.
     */
    private EventLink reachedNow(Connection c, EventLink link) throws Exception {
        for (CalendarCollection calendar : discovery.collections(c)) {
            if (link.inCalendar(calendar.url().toString())) {
                return link.under(calendar.url());
            }
        }
        return link;
    }

    /** Returns false when the version in iCloud stays (a conflict the iCloud side won). */
    private boolean put(Connection c, Appointment a, EventLink link, URI href, CalendarDocument doc,
            CalendarCollection calendar, Long updated, int sequence, List<LinkChange> changes) throws Exception {
        EventLink base = link != null ? link
                : new EventLink(a.id(), c.name(), calendar.url().toString(), href.toString(), doc.uid(), null, null,
                        EventLink.ORIGIN_HIGHLEVEL, null, 0);
        String etag;
        try {
            etag = caldav.put(c, href, doc.ics(), link == null ? null : link.etag());
        } catch (CalDavException.PreconditionFailed e) {
            Optional<String> resolved = afterPreconditionFailed(c, a, link, href, doc);
            if (resolved.isEmpty()) {
                return false;
            }
            etag = resolved.get();
        }
        changes.add(LinkChange.save(base.withWrite(etag, doc.contentHash(), updated, sequence)));
        metrics.increment(BridgeMetrics.CALDAV_WRITES, "put");
        LOG.info("Appointment {} written to calendar of '{}' ({})", a.id(), c.name(), link == null ? "created" : "updated");
        return true;
    }

    /** Returns the ETag written, or empty when the iCloud version stays. */
    private Optional<String> afterPreconditionFailed(Connection c, Appointment a, EventLink link, URI href,
            CalendarDocument doc) throws Exception {
        Optional<DavAnswer> current = caldav.get(c, href);
        String body = current.map(DavAnswer::text).orElse(null);
        boolean ours = body != null && AppointmentToVEvent.contentHash(body).equals(doc.contentHash());
        Instant iCloudModified = body == null ? null : StoredEvent.parse(body).lastModified();
        if (PreconditionFailedDecision.isConflict(current.isPresent(), ours, link != null)) {
            metrics.increment(BridgeMetrics.CONFLICTS);
        }
        String etag = current.isEmpty() ? null
                : current.get().etag() != null ? current.get().etag() : caldav.etag(c, href);
        return switch (PreconditionFailedDecision.decide(current.isPresent(), ours, link != null, a.dateUpdated(),
                iCloudModified)) {
            case CREATE -> Optional.of(caldav.put(c, href, doc.ics(), null));
            case ADOPT -> Optional.of(etag); // an earlier attempt wrote it and stopped before its commit
            case OVERWRITE -> {
                if (link != null) {
                    LOG.warn("Conflict on appointment {} in calendar of '{}': HighLevel's change ({}) is not older than"
                            + " the iCloud edit ({}); HighLevel's version is written", a.id(), c.name(),
                            a.dateUpdated(), iCloudModified);
                }
                yield Optional.of(caldav.put(c, href, doc.ics(), etag));
            }
            case KEEP_ICLOUD -> {
                LOG.warn("Conflict on appointment {} in calendar of '{}': the iCloud edit ({}) is newer than HighLevel's"
                        + " ({}); iCloud's version stays", a.id(), c.name(), iCloudModified, a.dateUpdated());
                yield Optional.empty();
            }
        };
    }

    static String resourceName(String appointmentId) {
        return ResourceName.of("hl-", appointmentId);
    }
}
