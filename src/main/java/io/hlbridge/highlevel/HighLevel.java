package io.hlbridge.highlevel;

/** The HighLevel API as the flows use it: the client and its two cached lookups. */
public record HighLevel(HighLevelClient client, CalendarTypes calendarTypes, LocationTimeZones zones) {

    public static HighLevel create(HighLevelSettings settings) {
        HighLevelClient client = new HighLevelClient(settings);
        return new HighLevel(client, new CalendarTypes(client), new LocationTimeZones(client));
    }
}
