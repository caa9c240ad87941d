package io.hlbridge.busytime;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;

import io.hlbridge.connections.Connection;
import io.hlbridge.highlevel.Appointment;
import io.hlbridge.highlevel.HighLevelClient;
import io.hlbridge.highlevel.LocationTimeZones;
import io.hlbridge.ical.AppointmentToVEvent;
import io.hlbridge.ical.ICalendarReader;
import io.hlbridge.ical.StoredEvent;
import io.hlbridge.inbox.WorkLocks;
import io.hlbridge.runtime.BridgeMetrics;
import io.hlbridge.store.EventLink;
import io.hlbridge.store.LinkStore;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.property.DateProperty;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * R6: an event we wrote for a HighLevel appointment, moved or resized in iCloud, moves the appointment
 * ({@code toNotify: false}, {@code ignoreFreeSlotValidation: true}). The link then records the appointment as
 * HighLevel now has it, so the webhook HighLevel sends for this change finds nothing to write back (R11). When
 * HighLevel changed the appointment too since our last write, the conflict rule decides.
 */
public class MoveEditedAppointments implements Processor {
    private static final Logger LOG = LoggerFactory.getLogger(MoveEditedAppointments.class);

    private final HighLevelClient highLevel;
    private final LinkStore links;
    private final AppointmentToVEvent toVEvent;
    private final LocationTimeZones zones;
    private final BridgeMetrics metrics;
    private final WorkLocks locks;

    public MoveEditedAppointments(HighLevelClient highLevel, LinkStore links, AppointmentToVEvent toVEvent,
            LocationTimeZones zones, BridgeMetrics metrics, WorkLocks locks) {
        this.highLevel = highLevel;
        this.links = links;
        this.toVEvent = toVEvent;
        this.zones = zones;
        this.metrics = metrics;
        this.locks = locks;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        CalendarPoll poll = CalendarPoll.of(exchange);
        for (CalendarPoll.OwnEdit edit : poll.ownEdits()) {
            // Held while HighLevel is called and the link recorded: the webhook HighLevel sends for the move waits
            // for it, then finds the appointment already as the link says, and writes nothing back.
            String key = WorkLocks.forAppointment(edit.link().hlId());
            if (!locks.lock(key, 30_000)) {
                throw new IllegalStateException("appointment " + edit.link().hlId() + " is busy; its move waits");
            }
            try {
                move(poll, poll.connection(), edit.link(), edit.fetched().etag(), edit.fetched().data());
            } finally {
                locks.unlock(key);
            }
        }
    }

    private void move(CalendarPoll poll, Connection c, EventLink link, String etag, String data) throws Exception {
        boolean sameText = AppointmentToVEvent.contentHash(data).equals(link.contentHash());
        Instant[] times = sameText ? null : readTimes(data);
        Appointment a = sameText || times == null ? null : highLevel.getAppointment(c, link.hlId()).orElse(null);
        boolean sameTimes = a != null && times[0].equals(a.start()) && times[1].equals(a.end());
        boolean changedInHighLevel = a != null && a.dateUpdated() != null && link.hlDateUpdated() != null
                && a.dateUpdated().toEpochMilli() > link.hlDateUpdated();
        switch (OwnEventEditDecision.decide(sameText, times != null, a != null, sameTimes, changedInHighLevel,
                a == null ? null : a.dateUpdated(), StoredEvent.parse(data).lastModified())) {
            case RECORD -> links.save(link.withWrite(etag, link.contentHash(), link.hlDateUpdated(), link.sequence()));
            case UNREADABLE -> {
                LOG.warn("{}: our event {} was edited in iCloud into something unreadable; HighLevel is left as is",
                        poll, link.href());
                links.save(link.withWrite(etag, link.contentHash(), link.hlDateUpdated(), link.sequence()));
            }
            case NONE -> { }
            case KEEP_HIGHLEVEL -> {
                metrics.increment(BridgeMetrics.CONFLICTS);
                LOG.warn("Conflict on appointment {}: moved in iCloud and changed in HighLevel ({}); HighLevel's change"
                        + " is newer and stays", a.id(), a.dateUpdated());
            }
            case MOVE -> {
                Appointment moved = highLevel.moveAppointment(c, a.id(), times[0], times[1]);
                String hash = toVEvent.toCalendar(moved, zones.writingZone(c, moved), link.sequence(), Instant.now(),
                        c.choices().eventDetails())
                        .contentHash();
                Long updated = moved.dateUpdated() == null ? null : moved.dateUpdated().toEpochMilli();
                links.save(link.withWrite(etag, hash, updated, link.sequence()));
                metrics.increment(BridgeMetrics.MOVED);
                LOG.info("Appointment {} moved to {} - {} after its event was moved in the iCloud calendar of '{}'",
                        a.id(), times[0], times[1], c.name());
            }
        }
    }

    /** Start and end of the master VEVENT, or null when the data cannot be read. */
    private static Instant[] readTimes(String data) {
        try {
            return masterTimes(ICalendarReader.parse(data));
        } catch (ICalendarReader.Unreadable | RuntimeException e) {
            return null;
        }
    }

    /** DTSTART and end of the event's master VEVENT (the series itself, not an override). */
    private static Instant[] masterTimes(Calendar calendar) {
        for (Object o : calendar.getComponents("VEVENT")) {
            VEvent e = (VEvent) o;
            if (e.getProperty(Property.RECURRENCE_ID).isEmpty()) {
                Instant start = instant(e.getProperty(Property.DTSTART).orElseThrow());
                Instant end = e.getProperty(Property.DTEND).map(MoveEditedAppointments::instant).orElse(start);
                return new Instant[] {start, end};
            }
        }
        throw new IllegalArgumentException("no master VEVENT");
    }

    private static Instant instant(Property p) {
        Object d = ((DateProperty<?>) p).getDate();
        if (d instanceof Instant i) {
            return i;
        }
        if (d instanceof OffsetDateTime o) {
            return o.toInstant();
        }
        if (d instanceof ZonedDateTime z) {
            return z.toInstant();
        }
        throw new IllegalArgumentException("DTSTART/DTEND is not a date-time with a zone: " + d);
    }
}
