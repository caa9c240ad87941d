package io.hlbridge.config;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The sync choices one connection may make for itself, each defaulting to its global {@code sync.*} key: what of an
 * appointment goes to iCloud (R10), the blocked slots' title, all-day events (R9), iCloud deletions (R7) and whether
 * HighLevel's blocked slots go to iCloud (R4). A null field takes the global value; {@link #over} fills them in.
 */
public record SyncChoices(EventDetails eventDetails, String blockedSlotTitle, AllDayPolicy allDay,
        DeletionPolicy icloudDeletions, HighLevelSlotPolicy highLevelBlockedSlots) {

    /** No choice made: every field is the global key's. */
    public static final SyncChoices GLOBAL = new SyncChoices(null, null, null, null, null);

    public SyncChoices {
        blockedSlotTitle = blockedSlotTitle == null || blockedSlotTitle.isBlank() ? null : blockedSlotTitle.strip();
    }

    /** The global keys' values. */
    public static SyncChoices global(Settings s) {
        return new SyncChoices(s.get(BridgeOptions.EVENT_DETAILS), s.get(BridgeOptions.BLOCKED_SLOT_TITLE),
                s.get(BridgeOptions.ALL_DAY), s.get(BridgeOptions.ICLOUD_DELETIONS),
                s.get(BridgeOptions.HIGHLEVEL_BLOCKED_SLOTS));
    }

    /** The {@code connections.<name>.*} choices of a configured connection. */
    public static SyncChoices configured(Settings s, String name) {
        return new SyncChoices(s.connection(name, BridgeOptions.CONNECTION_EVENT_DETAILS),
                s.connection(name, BridgeOptions.CONNECTION_BLOCKED_SLOT_TITLE),
                s.connection(name, BridgeOptions.CONNECTION_ALL_DAY),
                s.connection(name, BridgeOptions.CONNECTION_ICLOUD_DELETIONS),
                s.connection(name, BridgeOptions.CONNECTION_HIGHLEVEL_BLOCKED_SLOTS));
    }

    /** These choices, with the defaults' value wherever none was made. */
    public SyncChoices over(SyncChoices defaults) {
        return new SyncChoices(eventDetails == null ? defaults.eventDetails : eventDetails,
                blockedSlotTitle == null ? defaults.blockedSlotTitle : blockedSlotTitle,
                allDay == null ? defaults.allDay : allDay, icloudDeletions == null ? defaults.icloudDeletions
                : icloudDeletions, highLevelBlockedSlots == null ? defaults.highLevelBlockedSlots
                : highLevelBlockedSlots);
    }

    /** The choices made, by their key ({@code event-details}...) in the configuration's spelling. */
    public Map<String, String> written() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put(BridgeOptions.CONNECTION_EVENT_DETAILS.key(), written(eventDetails));
        m.put(BridgeOptions.CONNECTION_BLOCKED_SLOT_TITLE.key(), blockedSlotTitle);
        m.put(BridgeOptions.CONNECTION_ALL_DAY.key(), written(allDay));
        m.put(BridgeOptions.CONNECTION_ICLOUD_DELETIONS.key(), written(icloudDeletions));
        m.put(BridgeOptions.CONNECTION_HIGHLEVEL_BLOCKED_SLOTS.key(), written(highLevelBlockedSlots));
        return m;
    }

    /**
     * Choices read from their written form (the store, a request); blank is "none made". Throws
     * {@link IllegalArgumentException} naming the allowed values.
     */
    public static SyncChoices parse(String eventDetails, String blockedSlotTitle, String allDay,
            String icloudDeletions, String highLevelBlockedSlots) {
        return new SyncChoices(parsed(BridgeOptions.CONNECTION_EVENT_DETAILS, eventDetails), blockedSlotTitle,
                parsed(BridgeOptions.CONNECTION_ALL_DAY, allDay),
                parsed(BridgeOptions.CONNECTION_ICLOUD_DELETIONS, icloudDeletions),
                parsed(BridgeOptions.CONNECTION_HIGHLEVEL_BLOCKED_SLOTS, highLevelBlockedSlots));
    }

    /** The written choices of {@link #written()}, read back; a key left out is no choice made. */
    public static SyncChoices parse(Map<String, String> written) {
        return parse(written.get(BridgeOptions.CONNECTION_EVENT_DETAILS.key()),
                written.get(BridgeOptions.CONNECTION_BLOCKED_SLOT_TITLE.key()),
                written.get(BridgeOptions.CONNECTION_ALL_DAY.key()),
                written.get(BridgeOptions.CONNECTION_ICLOUD_DELETIONS.key()),
                written.get(BridgeOptions.CONNECTION_HIGHLEVEL_BLOCKED_SLOTS.key()));
    }

    private static <T> T parsed(Option<T> option, String text) {
        return text == null || text.isBlank() ? null : option.parse(text);
    }

    private static String written(Enum<?> e) {
        return e == null ? null : OptionType.written(e);
    }
}
