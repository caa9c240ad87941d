package io.hlbridge.ical;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Locale;
import java.util.stream.Collectors;

import io.hlbridge.config.EventDetails;
import io.hlbridge.highlevel.Appointment;
import io.hlbridge.highlevel.UnusableAppointment;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.PropertyBuilder;
import net.fortuna.ical4j.model.TimeZoneRegistry;
import net.fortuna.ical4j.model.TimeZoneRegistryFactory;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.component.VTimeZone;
import net.fortuna.ical4j.model.property.Description;
import net.fortuna.ical4j.model.property.DtEnd;
import net.fortuna.ical4j.model.property.DtStamp;
import net.fortuna.ical4j.model.property.DtStart;
import net.fortuna.ical4j.model.property.ExDate;
import net.fortuna.ical4j.model.property.Location;
import net.fortuna.ical4j.model.property.RRule;
import net.fortuna.ical4j.model.property.Sequence;
import net.fortuna.ical4j.model.property.Status;
import net.fortuna.ical4j.model.property.Summary;
import net.fortuna.ical4j.model.property.Transp;
import net.fortuna.ical4j.model.property.Uid;
import net.fortuna.ical4j.model.property.XProperty;

/**
 * A HighLevel appointment as one VEVENT (R1, R10). Single appointments are written in UTC; recurring ones in
 * the location's zone with its VTIMEZONE, so the series keeps its wall-clock time across DST. No ORGANIZER or
 * ATTENDEE is written, so the server sends no invitations. {@code X-HL-BRIDGE-ORIGIN} marks the event as ours.
 */
public class AppointmentToVEvent {
    public static final String ORIGIN_PROPERTY = "X-HL-BRIDGE-ORIGIN";
    public static final String APPOINTMENT_PROPERTY = "X-HL-APPOINTMENT-ID";
    public static final String PRODID = "-//highlevel-icloud-bridge//EN";
    private static final String UID_DOMAIN = "@highlevel-icloud-bridge";

    private final TimeZoneRegistry zones = TimeZoneRegistryFactory.getInstance().createRegistry();
    private final EventDetails eventDetails;

    public AppointmentToVEvent(EventDetails eventDetails) {
        this.eventDetails = eventDetails;
    }

    /** The UID of an appointment's event: derived from the HighLevel id, so every retry writes the same event. */
    public static String uidFor(String appointmentId) {
        return "hl-" + appointmentId + UID_DOMAIN;
    }

    public CalendarDocument toCalendar(Appointment a, ZoneId zone, int sequence, Instant now) {
        return toCalendar(a, zone, sequence, now, null);
    }

    /** @param details a connection's own {@code event-details}, or null for {@code sync.event-details} */
    public CalendarDocument toCalendar(Appointment a, ZoneId zone, int sequence, Instant now, EventDetails details) {
        if (a.start() == null || a.end() == null) {
            throw new UnusableAppointment("appointment " + a.id() + " has no startTime/endTime");
        }
        if (!a.end().isAfter(a.start())) {
            throw new UnusableAppointment("appointment " + a.id() + " ends (" + a.end() + ") before it starts ("
                    + a.start() + ")");
        }
        String uid = uidFor(a.id());
        VEvent ev = new VEvent(false);
        ev.add(new Uid(uid));
        ev.add(new DtStamp(now));
        VTimeZone vtz = null;
        if (a.recurring()) {
            vtz = zones.getTimeZone(zone.getId()) == null ? null : zones.getTimeZone(zone.getId()).getVTimeZone();
            if (vtz == null) {
                throw new UnusableAppointment("time zone " + zone + " is unknown to ical4j");
            }
            ev.add(new DtStart<>(a.start().atZone(zone)));
            ev.add(new DtEnd<>(a.end().atZone(zone)));
            addRecurrence(ev, a.rrule());
        } else {
            ev.add(new DtStart<>(a.start()));
            ev.add(new DtEnd<>(a.end()));
        }
        if ((details == null ? eventDetails : details) == EventDetails.BUSY) {
            ev.add(new Summary("Busy"));
        } else {
            ev.add(new Summary(blankToNull(a.title()) == null ? "Appointment" : a.title()));
            String notes = notes(a);
            if (notes != null) {
                ev.add(new Description(notes));
            }
            if (blankToNull(a.address()) != null) {
                ev.add(new Location(a.address()));
            }
        }
        ev.add(new Status(Status.VALUE_CONFIRMED));
        ev.add(new Transp(Transp.VALUE_OPAQUE));
        ev.add(new Sequence(sequence));
        ev.add(new XProperty(ORIGIN_PROPERTY, "highlevel"));
        ev.add(new XProperty(APPOINTMENT_PROPERTY, a.id()));
        Calendar cal = new Calendar().withProdId(PRODID).withDefaults().getFluentTarget();
        if (vtz != null) {
            cal.add(vtz);
        }
        cal.add(ev);
        String ics = cal.toString();
        return new CalendarDocument(uid, ics, contentHash(ics));
    }

    /** Hash of the text without DTSTAMP and SEQUENCE lines. */
    public static String contentHash(String ics) {
        return ContentHash.sha256(ics.lines()
                .filter(l -> !l.startsWith("DTSTAMP") && !l.startsWith("SEQUENCE"))
                .collect(Collectors.joining("\n")));
    }

    private static String notes(Appointment a) {
        String d = blankToNull(a.description());
        String n = blankToNull(a.notes());
        if (d != null && n != null && !d.equals(n)) {
            return d + "\n\n" + n;
        }
        return d != null ? d : n;
    }

    /** HighLevel sends {@code RRULE:...} optionally followed by {@code EXDATE:...}/{@code RDATE:...} lines. */
    static void addRecurrence(VEvent ev, String rrule) {
        for (String raw : rrule.split("\\r?\\n|\\\\n")) {
            String line = raw.strip();
            if (line.isEmpty()) {
                continue;
            }
            int colon = line.indexOf(':');
            String name = colon < 0 ? "RRULE" : line.substring(0, colon).toUpperCase(Locale.ROOT);
            String value = colon < 0 ? line : line.substring(colon + 1);
            try {
                switch (name) {
                    case "RRULE" -> ev.add(new RRule<>(value));
                    case "EXDATE" -> ev.add(new ExDate<>(value));
                    case "RDATE" -> ev.add(new PropertyBuilder().name("RDATE").value(value).build());
                    default -> throw new UnusableAppointment("unsupported line in rrule: " + name);
                }
            } catch (UnusableAppointment e) {
                throw e;
            } catch (IllegalArgumentException e) { // ical4j's word for a value it cannot read
                throw new UnusableAppointment("unreadable " + name + " in rrule: " + e.getMessage(), e);
            }
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
