package io.hlbridge.appointments;

import java.net.URI;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

import io.hlbridge.caldav.CalDavClient;
import io.hlbridge.caldav.CalDavException;
import io.hlbridge.caldav.CalendarCollection;
import io.hlbridge.caldav.CalendarDiscovery;
import io.hlbridge.caldav.DavAnswer;
import io.hlbridge.connections.Connection;
import io.hlbridge.highlevel.Appointment;
import io.hlbridge.highlevel.LocationTimeZones;
import io.hlbridge.ical.AppointmentToVEvent;
import io.hlbridge.ical.CalendarDocument;
import io.hlbridge.ical.StoredEvent;
import io.hlbridge.store.EventLink;
import io.hlbridge.store.LinkChange;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import io.hlbridge.observe.SyncMetrics;
import io.hlbridge.connections.RefusedCredentials;

/**
 * Applies one {@link CalendarWrite}: PUT with {@code If-None-Match: *} to create and {@code If-Match} to update,
 * DELETE to remove. The link changes are kept in the work and stored with its inbox completion, in one
 * transaction. The resource name derives from the appointment id, so a retry after a crash between the write and
 * that commit finds (412) and adopts what the first attempt wrote instead of writing it twice.
 * A write whose content is unchanged is not sent; an older {@code dateUpdated} never overwrites a newer one.
 */
public class WriteLinkedCalendarEvent implements Processor {
    private static final Logger LOG = LoggerFactory.getLogger(WriteLinkedCalendarEvent.class);
    static final String ORIGIN = "HIGHLEVEL";

    private final CalDavClient caldav;
    private final CalendarDiscovery discovery;
    private final RefusedCredentials credentials;
    private final AppointmentToVEvent toVEvent;
    private final LocationTimeZones zones;
    private final SyncMetrics metrics;
    private final CalendarServerBackoff backoff;

    public WriteLinkedCalendarEvent(CalDavClient caldav, CalendarDiscovery discovery,
            RefusedCredentials credentials, AppointmentToVEvent toVEvent, LocationTimeZones zones, SyncMetrics metrics,
            CalendarServerBackoff backoff) {
        this.caldav = caldav;
        this.discovery = discovery;
        this.credentials = credentials;
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
        SyncWork work = exchange.getMessage().getBody(SyncWork.class);
        Exception first = null;
        for (CalendarWrite w : work.writes()) {
            try {
                write(w, work.linkChanges());
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
    }

    private void write(CalendarWrite w, List<LinkChange> changes) throws Exception {
        Connection c = w.connection();
        Optional<String> blocked = credentials.holding(c);
        if (blocked.isPresent()) {
            throw new CalDavException.Unauthorized("connection '" + c.name() + "' waits for new credentials: "
                    + blocked.get());
        }
        try {
            if (w.action() == CalendarWrite.Action.DELETE) {
                delete(c, w.link(), changes);
            } else {
                put(c, w.appointment(), w.link(), changes);
            }
            backoff.succeeded(c);
        } catch (CalDavException.RetryLater e) {
            backoff.failed(c, e.retryAfterMillis());
            throw e;
        } catch (CalDavException.Unauthorized e) {
            credentials.record(c, e);
            throw e;
        }
    }

    private void delete(Connection c, EventLink link, List<LinkChange> changes) throws Exception {
        URI href = URI.create(link.href());
        try {
            caldav.delete(c, href, link.etag());
        } catch (CalDavException.PreconditionFailed e) {
            // Edited in iCloud since our write; the appointment is gone in HighLevel, so the event goes too (R2).
            metrics.increment("conflicts");
            LOG.info("Appointment {}: iCloud copy in '{}' changed since our write; deleting it anyway (cancelled or"
                    + " deleted in HighLevel)", link.hlId(), c.name());
            caldav.delete(c, href, null);
        }
        changes.add(LinkChange.delete(link.hlId(), c.name()));
        metrics.increment("caldav.delete");
        LOG.info("Appointment {} removed from calendar of '{}'", link.hlId(), c.name());
    }

    private void put(Connection c, Appointment a, EventLink link, List<LinkChange> changes) throws Exception {
        Long updated = a.dateUpdated() == null ? null : a.dateUpdated().toEpochMilli();
        if (link != null && updated != null && link.hlDateUpdated() != null && updated < link.hlDateUpdated()) {
            metrics.increment("skipped.stale");
            LOG.info("Appointment {}: HighLevel answered dateUpdated {} older than the {} already applied; ignored",
                    a.id(), a.dateUpdated(), Instant.ofEpochMilli(link.hlDateUpdated()));
            return;
        }
        CalendarCollection calendar = discovery.linkedCalendar(c);
        if (link != null && !link.calendarUrl().equals(calendar.url().toString())) {
            delete(c, link, changes); // the linked calendar was changed in the configuration: move the event
            link = null;
        }
        ZoneId zone = zones.writingZone(c, a);
        int sequence = link == null ? 0 : link.sequence() + 1;
        CalendarDocument doc = toVEvent.toCalendar(a, zone, sequence, Instant.now());
        if (link != null && doc.contentHash().equals(link.contentHash())) {
            changes.add(LinkChange.save(link.withWrite(link.etag(), link.contentHash(), updated, link.sequence())));
            metrics.increment("caldav.unchanged");
            return;
        }
        URI href = link != null ? URI.create(link.href()) : calendar.url().resolve(resourceName(a.id()));
        EventLink base = link != null ? link
                : new EventLink(a.id(), c.name(), calendar.url().toString(), href.toString(), doc.uid(), null, null,
                        ORIGIN, null, 0);
        String etag;
        try {
            etag = caldav.put(c, href, doc.ics(), link == null ? null : link.etag());
        } catch (CalDavException.PreconditionFailed e) {
            Optional<String> resolved = resolvePrecondition(c, a, link, href, doc);
            if (resolved.isEmpty()) {
                return;
            }
            etag = resolved.get();
        }
        changes.add(LinkChange.save(base.withWrite(etag, doc.contentHash(), updated, sequence)));
        metrics.increment("caldav.put");
        LOG.info("Appointment {} written to calendar of '{}' ({})", a.id(), c.name(), link == null ? "created" : "updated");
    }

    /**
     * The resource was not as expected. Missing → create it. Holding what we mean to write (an earlier attempt wrote
     * it and stopped before its commit) → adopt it. Ours without a link, other content → overwrite it. Changed in
     * iCloud since our write → the conflict rule decides.
     * Returns the ETag written, or empty when the iCloud version stays.
     */
    private Optional<String> resolvePrecondition(Connection c, Appointment a, EventLink link, URI href,
            CalendarDocument doc) throws Exception {
        Optional<DavAnswer> current = caldav.get(c, href);
        if (current.isEmpty()) {
            return Optional.of(caldav.put(c, href, doc.ics(), null));
        }
        String body = current.get().text();
        String etag = current.get().etag() != null ? current.get().etag() : caldav.etag(c, href);
        if (AppointmentToVEvent.contentHash(body).equals(doc.contentHash())) {
            return Optional.of(etag); // already what we mean to write: an earlier attempt stopped before its commit
        }
        if (link == null) {
            return Optional.of(caldav.put(c, href, doc.ics(), etag));
        }
        StoredEvent stored = StoredEvent.parse(body);
        metrics.increment("conflicts");
        if (ConflictRule.decide(a.dateUpdated(), stored.lastModified()) == ConflictRule.Winner.ICLOUD) {
            LOG.warn("Conflict on appointment {} in calendar of '{}': the iCloud edit ({}) is newer than HighLevel's"
                    + " ({}); iCloud's version stays", a.id(), c.name(), stored.lastModified(), a.dateUpdated());
            return Optional.empty();
        }
        LOG.warn("Conflict on appointment {} in calendar of '{}': HighLevel's change ({}) is not older than the iCloud"
                + " edit ({}); HighLevel's version is written", a.id(), c.name(), a.dateUpdated(), stored.lastModified());
        return Optional.of(caldav.put(c, href, doc.ics(), etag));
    }

    /** {@code hl-<id>.ics} when the id is safe in a URL (HighLevel ids are alphanumeric), a name-based UUID if not. */
    static String resourceName(String appointmentId) {
        if (appointmentId.matches("[A-Za-z0-9_-]{1,120}")) {
            return "hl-" + appointmentId + ".ics";
        }
        return "hl-" + java.util.UUID.nameUUIDFromBytes(appointmentId.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                + ".ics";
    }
}
