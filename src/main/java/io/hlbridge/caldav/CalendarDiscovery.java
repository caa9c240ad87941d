package io.hlbridge.caldav;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

/**
 * RFC 6764/4791 discovery from {@code icloud.caldav-url}: {@code current-user-principal} →
 * {@code calendar-home-set} → the home's collections, then the connection's linked calendar chosen by display
 * name or URL and checked (R8). Results are cached per connection.
 */
public class CalendarDiscovery {
    private static final String PRINCIPAL = "<?xml version=\"1.0\" encoding=\"utf-8\"?>"
            + "<d:propfind xmlns:d=\"DAV:\"><d:prop><d:current-user-principal/></d:prop></d:propfind>";
    private static final String HOME_SET = "<?xml version=\"1.0\" encoding=\"utf-8\"?>"
            + "<d:propfind xmlns:d=\"DAV:\" xmlns:c=\"urn:ietf:params:xml:ns:caldav\"><d:prop><c:calendar-home-set/>"
            + "</d:prop></d:propfind>";
    private static final String COLLECTIONS = "<?xml version=\"1.0\" encoding=\"utf-8\"?>"
            + "<d:propfind xmlns:d=\"DAV:\" xmlns:c=\"urn:ietf:params:xml:ns:caldav\" xmlns:cs=\"http://calendarserver.org/ns/\">"
            + "<d:prop><d:resourcetype/><d:displayname/><d:current-user-privilege-set/><cs:source/>"
            + "<c:supported-calendar-component-set/></d:prop></d:propfind>";

    private final CalDavClient client;
    /** Per connection: a calendar home rarely changes, and discovery costs three PROPFINDs. */
    private final Cache<String, List<CalendarCollection>> homes = Caffeine.newBuilder()
            .expireAfterWrite(Duration.ofHours(1)).build();

    public CalendarDiscovery(CalDavClient client) {
        this.client = client;
    }

    /** The collections of the connection's calendar home (the home itself left out). */
    public List<CalendarCollection> collections(CalDavAccount c) throws Exception {
        List<CalendarCollection> home = homes.getIfPresent(c.name());
        if (home == null) {
            home = discover(c);
            homes.put(c.name(), home);
        }
        return home;
    }

    /** The collections of an Apple ID's calendar home, discovered now and not kept (the connect flow's listing). */
    public List<CalendarCollection> discoverNow(CalDavAccount c) throws CalDavException {
        return discover(c);
    }

    /** Forget what was discovered, e.g. after a 404 on a calendar URL. */
    public void forget(CalDavAccount c) {
        homes.invalidate(c.name());
    }

    /** The account's linked calendar, refused with a message naming it and the reason when unusable. */
    public CalendarCollection linkedCalendar(CalDavAccount c) throws Exception {
        CalendarCollection cal = find(c, c.linkedCalendar());
        String why = cal.refusalForWriting().orElse(null);
        if (why != null) {
            throw new CalDavException.CalendarRefused("Connection '" + c.name() + "': linked calendar " + cal.label()
                    + " is refused: " + why);
        }
        return cal;
    }

    /** A calendar of the home by URL, path, or display name (case-insensitive). */
    public CalendarCollection find(CalDavAccount c, String nameOrUrl) throws Exception {
        List<CalendarCollection> all = collections(c);
        String wanted = nameOrUrl.trim();
        for (CalendarCollection cal : all) {
            if (matchesUrl(cal.url(), wanted)) {
                return cal;
            }
        }
        for (CalendarCollection cal : all) {
            if (cal.displayName() != null && cal.displayName().equalsIgnoreCase(wanted)) {
                return cal;
            }
        }
        List<String> names = all.stream().filter(CalendarCollection::isCalendar).map(CalendarCollection::label).toList();
        throw new CalDavException.CalendarRefused("Connection '" + c.name() + "': no calendar named or at '" + wanted
                + "' in the calendar home of " + c.appleId() + "; calendars found: " + names);
    }

    private static boolean matchesUrl(URI url, String wanted) {
        String w = wanted.endsWith("/") ? wanted : wanted + "/";
        return url.toString().equals(w) || url.getPath().equals(w) || (!wanted.contains("/")
                && url.getPath().equals(parentPath(url) + w));
    }

    private static String parentPath(URI url) {
        String p = url.getPath();
        String trimmed = p.endsWith("/") ? p.substring(0, p.length() - 1) : p;
        return trimmed.substring(0, trimmed.lastIndexOf('/') + 1);
    }

    List<CalendarCollection> discover(CalDavAccount c) throws CalDavException {
        URI base = client.baseUrl();
        List<Multistatus.Response> p = client.propfind(c, base, 0, PRINCIPAL);
        URI principal = hrefProperty(p, Multistatus.DAV, "current-user-principal", base);
        if (principal == null) {
            throw new CalDavException(207, "the CalDAV server at " + base + " names no current-user-principal");
        }
        List<Multistatus.Response> h = client.propfind(c, principal, 0, HOME_SET);
        URI home = hrefProperty(h, Multistatus.CALDAV, "calendar-home-set", principal);
        if (home == null) {
            throw new CalDavException(207, "principal " + principal + " names no calendar-home-set");
        }
        List<CalendarCollection> result = new ArrayList<>();
        for (Multistatus.Response r : client.propfind(c, home, 1, COLLECTIONS)) {
            if (samePath(r.href(), home)) {
                continue;
            }
            result.add(new CalendarCollection(withSlash(r.href()), r.text(Multistatus.DAV, "displayname"),
                    names(r.property(Multistatus.DAV, "resourcetype"), true), components(r), privileges(r),
                    hrefText(r.property(Multistatus.CS, "source"))));
        }
        return result;
    }

    /** The single response's href-valued property (iCloud may answer with another href than asked: trust it). */
    private static URI hrefProperty(List<Multistatus.Response> responses, String ns, String name, URI against) {
        for (Multistatus.Response r : responses) {
            Multistatus.Node p = r.property(ns, name);
            String href = hrefText(p);
            if (href != null) {
                return withSlash(against.resolve(href));
            }
        }
        return null;
    }

    private static String hrefText(Multistatus.Node property) {
        if (property == null) {
            return null;
        }
        Multistatus.Node href = property.first(Multistatus.DAV, "href");
        String t = href == null ? property.text() : href.text();
        return t.isEmpty() ? null : t;
    }

    private static Set<String> names(Multistatus.Node parent, boolean withNamespace) {
        Set<String> s = new LinkedHashSet<>();
        if (parent != null) {
            for (Multistatus.Node e : parent.children()) {
                s.add(withNamespace ? e.ns() + e.local() : e.local());
            }
        }
        return s;
    }

    private static Set<String> components(Multistatus.Response r) {
        Set<String> s = new LinkedHashSet<>();
        Multistatus.Node set = r.property(Multistatus.CALDAV, "supported-calendar-component-set");
        if (set != null) {
            for (Multistatus.Node comp : set.children(Multistatus.CALDAV, "comp")) {
                s.add(comp.attribute("name").toUpperCase(Locale.ROOT));
            }
        }
        return s;
    }

    private static Set<String> privileges(Multistatus.Response r) {
        Set<String> s = new LinkedHashSet<>();
        Multistatus.Node set = r.property(Multistatus.DAV, "current-user-privilege-set");
        if (set != null) {
            for (Multistatus.Node priv : set.children(Multistatus.DAV, "privilege")) {
                s.addAll(names(priv, false));
            }
        }
        return s;
    }

    private static boolean samePath(URI a, URI b) {
        return withSlash(a).getPath().equals(withSlash(b).getPath()) && (a.getHost() == null
                || a.getHost().equalsIgnoreCase(b.getHost()));
    }

    static URI withSlash(URI u) {
        return u.getPath().endsWith("/") ? u : u.resolve(u.getPath().substring(u.getPath().lastIndexOf('/') + 1) + "/");
    }
}
