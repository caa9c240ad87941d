package io.hlbridge.connectpage;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hlbridge.config.AllDayPolicy;
import io.hlbridge.config.DeletionPolicy;
import io.hlbridge.config.EventDetails;
import io.hlbridge.config.HighLevelSlotPolicy;
import io.hlbridge.config.OptionType;
import io.hlbridge.config.SyncChoices;

/**
 * A connection's own choices on the connect page: one list per choice (form fields {@code eventDetails},
 * {@code blockedSlotTitle}, {@code allDay}, {@code icloudDeletions}, {@code highLevelBlockedSlots}), each first offering the bridge's global value,
 * which an empty value keeps. The blocked-slot title offers Busy and the iCloud title ({@code {summary}}), and the
 * connection's own title when an operator set another.
 */
final class ChoicesForm {
    private static final ObjectMapper JSON = new ObjectMapper();
    static final String SUMMARY = "{summary}";

    private ChoicesForm() {
    }

    /** The lists, as the view template shows them: {@code own}'s choices selected, {@code global}'s named. */
    static List<Map<String, Object>> options(PageText text, SyncChoices own, SyncChoices global) {
        List<Map<String, Object>> lists = new ArrayList<>();
        lists.add(list(text, "eventDetails", enumValues(text, EventDetails.values(), "eventDetails"),
                written(own.eventDetails()), written(global.eventDetails())));
        Map<String, String> titles = new LinkedHashMap<>();
        titles.put("Busy", text.get("choices.blockedSlotTitle.busy"));
        titles.put(SUMMARY, text.get("choices.blockedSlotTitle.summary"));
        for (String t : new String[] {global.blockedSlotTitle(), own.blockedSlotTitle()}) {
            if (t != null) {
                titles.putIfAbsent(t, t);
            }
        }
        lists.add(list(text, "blockedSlotTitle", titles, own.blockedSlotTitle(), global.blockedSlotTitle()));
        lists.add(list(text, "allDay", enumValues(text, AllDayPolicy.values(), "allDay"), written(own.allDay()),
                written(global.allDay())));
        lists.add(list(text, "icloudDeletions", enumValues(text, DeletionPolicy.values(), "icloudDeletions"),
                written(own.icloudDeletions()), written(global.icloudDeletions())));
        lists.add(list(text, "highLevelBlockedSlots", enumValues(text, HighLevelSlotPolicy.values(),
                "highLevelBlockedSlots"), written(own.highLevelBlockedSlots()), written(global.highLevelBlockedSlots())));
        return lists;
    }

    /** The choices a posted form makes; an unknown value is refused with {@link IllegalArgumentException}. */
    static SyncChoices read(String body) {
        JsonNode n;
        try {
            n = body == null ? null : JSON.readTree(body);
        } catch (JacksonException e) {
            n = null;
        }
        if (n == null || !n.isObject()) {
            throw new IllegalArgumentException("not the choices form");
        }
        return SyncChoices.parse(text(n, "eventDetails"), text(n, "blockedSlotTitle"), text(n, "allDay"),
                text(n, "icloudDeletions"), text(n, "highLevelBlockedSlots"));
    }

    private static Map<String, Object> list(PageText text, String name, Map<String, String> values, String selected,
            String global) {
        List<Map<String, Object>> options = new ArrayList<>();
        options.add(Map.of("value", "", "text", text.get("choices.global", values.getOrDefault(global, global)),
                "selected", selected == null));
        values.forEach((value, label) -> options.add(Map.of("value", value, "text", label, "selected",
                value.equals(selected))));
        return Map.of("name", name, "label", text.get("choices." + name), "values", options);
    }

    private static Map<String, String> enumValues(PageText text, Enum<?>[] constants, String name) {
        Map<String, String> m = new LinkedHashMap<>();
        for (Enum<?> e : constants) {
            m.put(written(e), text.get("choices." + name + "." + written(e)));
        }
        return m;
    }

    private static String written(Enum<?> e) {
        return e == null ? null : OptionType.written(e);
    }

    private static String text(JsonNode n, String field) {
        return n.path(field).isTextual() ? n.path(field).asText() : null;
    }
}
