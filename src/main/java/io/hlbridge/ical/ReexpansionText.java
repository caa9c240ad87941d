package io.hlbridge.ical;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * What of a series the store keeps to expand it again as the window moves on: its time zones and, of each VEVENT,
 * only what its busy time depends on (a 5 MB DESCRIPTION, attachments and alarms go). Empty when even that is over
 * what the store takes: such a series is quarantined rather than failing every poll of its calendar.
 */
public final class ReexpansionText {
    /** The column's size (icloud_resource.reexpand_ics), with room for the folding of lines. */
    public static final int LONGEST = 1_000_000;
    private static final int LONGEST_SUMMARY = 200;
    private static final Set<String> KEPT = Set.of("UID", "DTSTART", "DTEND", "DURATION", "RRULE", "RDATE", "EXDATE",
            "EXRULE", "RECURRENCE-ID", "STATUS", "TRANSP", "SUMMARY", AppointmentToVEvent.ORIGIN_PROPERTY);

    private ReexpansionText() {
    }

    public static Optional<String> of(String ics) {
        String unfolded = ics.replace("\r\n ", "").replace("\r\n\t", "").replace("\n ", "").replace("\n\t", "");
        StringBuilder out = new StringBuilder();
        String inside = "";
        int skipDepth = 0;
        for (String line : unfolded.split("\r?\n")) {
            String upper = line.toUpperCase(Locale.ROOT);
            if (skipDepth > 0) {
                skipDepth += upper.startsWith("BEGIN:") ? 1 : upper.startsWith("END:") ? -1 : 0;
                continue;
            }
            if (upper.startsWith("BEGIN:")) {
                String component = upper.substring(6);
                if (inside.equals("VEVENT")) {
                    skipDepth = 1; // VALARM and anything else inside an event
                    continue;
                }
                if (component.equals("VEVENT")) {
                    inside = "VEVENT";
                } else if (component.equals("VTIMEZONE")) {
                    inside = "VTIMEZONE";
                }
                out.append(line).append("\r\n");
                continue;
            }
            if (upper.startsWith("END:")) {
                String component = upper.substring(4);
                if (component.equals(inside)) {
                    inside = "";
                }
                out.append(line).append("\r\n");
                continue;
            }
            if (inside.equals("VEVENT")) {
                String name = (line.contains(":") ? upper.substring(0, upper.indexOf(':')) : upper).split(";")[0];
                boolean declined = name.equals("ATTENDEE") && upper.contains("PARTSTAT=DECLINED");
                if (!KEPT.contains(name) && !declined) {
                    continue;
                }
                if (name.equals("SUMMARY") && line.length() > LONGEST_SUMMARY) {
                    line = line.substring(0, LONGEST_SUMMARY);
                }
            } else if (!inside.equals("VTIMEZONE") && !upper.startsWith("VERSION") && !upper.startsWith("PRODID")) {
                continue;
            }
            out.append(line).append("\r\n");
        }
        return out.length() > LONGEST ? Optional.empty() : Optional.of(out.toString());
    }
}
