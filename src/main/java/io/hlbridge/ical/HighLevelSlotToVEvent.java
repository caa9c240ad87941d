package io.hlbridge.ical;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;

import io.hlbridge.highlevel.HighLevelSlot;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.property.DtEnd;
import net.fortuna.ical4j.model.property.DtStamp;
import net.fortuna.ical4j.model.property.DtStart;
import net.fortuna.ical4j.model.property.Summary;
import net.fortuna.ical4j.model.property.Transp;
import net.fortuna.ical4j.model.property.Uid;
import net.fortuna.ical4j.model.property.XProperty;

/**
 * A HighLevel blocked slot as the busy event the bridge keeps for it in the user's linked calendar (R4 with
 * {@code highlevel-blocked-slots=busy}): its time, {@code TRANSP:OPAQUE}, the title the user chose (Busy by default),
 * the bridge's origin mark (so it never becomes a blocked slot) and the slot's id; no ORGANIZER or ATTENDEE, so no
 * invitation is sent. A slot from midnight to midnight in the user's zone is written as all-day (one day or several).
 */
public class HighLevelSlotToVEvent {
    public static final String SLOT_PROPERTY = "X-HL-BLOCKED-SLOT-ID";
    private static final String UID_DOMAIN = "@highlevel-icloud-bridge";

    /** The UID of a slot's event: from the slot's id, so every retry writes the same event. */
    public static String uidFor(String slotId) {
        return "hl-slot-" + slotId + UID_DOMAIN;
    }

    public CalendarDocument toCalendar(HighLevelSlot slot, ZoneId zone, String title, Instant now) {
        String uid = uidFor(slot.id());
        VEvent ev = new VEvent(false);
        ev.add(new Uid(uid));
        ev.add(new DtStamp(now));
        ZonedDateTime start = slot.start().atZone(zone);
        ZonedDateTime end = slot.end().atZone(zone);
        if (start.toLocalTime().equals(LocalTime.MIDNIGHT) && end.toLocalTime().equals(LocalTime.MIDNIGHT)) {
            ev.add(new DtStart<>(start.toLocalDate()));
            ev.add(new DtEnd<>(end.toLocalDate()));
        } else {
            ev.add(new DtStart<>(slot.start()));
            ev.add(new DtEnd<>(slot.end()));
        }
        ev.add(new Summary(title));
        ev.add(new Transp(Transp.VALUE_OPAQUE));
        ev.add(new XProperty(AppointmentToVEvent.ORIGIN_PROPERTY, "highlevel-blocked-slot"));
        ev.add(new XProperty(SLOT_PROPERTY, slot.id()));
        Calendar cal = new Calendar().withProdId(AppointmentToVEvent.PRODID).withDefaults().getFluentTarget();
        cal.add(ev);
        String ics = cal.toString();
        return new CalendarDocument(uid, ics, AppointmentToVEvent.contentHash(ics));
    }
}
