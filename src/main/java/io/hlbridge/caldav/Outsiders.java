package io.hlbridge.caldav;

import java.net.URI;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Hrefs a server named that are not members of the collection asked about: logged (a few of them) and ignored. */
final class Outsiders {
    private static final Logger LOG = LoggerFactory.getLogger(Outsiders.class);

    private Outsiders() {
    }

    static void log(URI collection, Set<URI> outside) {
        if (!outside.isEmpty()) {
            LOG.warn("The CalDAV server named {} resource(s) that are not members of {} (ignored), such as {}",
                    outside.size(), collection.getPath(), outside.stream().limit(3).map(u -> {
                        String s = u.toString();
                        return s.length() > 120 ? s.substring(0, 120) + "..." : s;
                    }).toList());
        }
    }
}
