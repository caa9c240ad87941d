package io.hlbridge.caldav;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/** The name of a resource the bridge writes for a HighLevel item, fixed by the item's id so a retry replaces it. */
public final class ResourceName {
    private ResourceName() {
    }

    /**
     * {@code <prefix><id>.ics} when the id is safe in a URL (HighLevel ids are alphanumeric), a name-based UUID in its
     * place if not.
     */
    public static String of(String prefix, String id) {
        if (id.matches("[A-Za-z0-9_-]{1,120}")) {
            return prefix + id + ".ics";
        }
        return prefix + UUID.nameUUIDFromBytes(id.getBytes(StandardCharsets.UTF_8)) + ".ics";
    }
}
