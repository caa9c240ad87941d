package io.hlbridge.caldav;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;


/**
 * RFC 6578 {@code REPORT sync-collection}, etags only: what changed in a calendar since a sync token, at a cost
 * proportional to the changes. The collection's own entry (iCloud lists it) is skipped, a 507 on the request URI
 * (truncated answer) is followed with the new token, and members answered 404 are deleted ones. Only members of the
 * polled collection count: an answer naming anything else ({@code ../other/}, another host) has it logged and ignored.
 */
public class SyncCollectionReport {
    private static final int MAX_PAGES = 1000;
    private static final String TOKEN_PROPFIND = "<?xml version=\"1.0\" encoding=\"utf-8\"?>"
            + "<d:propfind xmlns:d=\"DAV:\"><d:prop><d:sync-token/></d:prop></d:propfind>";

    /** Changed members (href → ETag), deleted members, and the token to send next time. */
    public record Changes(String token, Map<String, String> changed, Set<String> deleted) {
        public boolean isEmpty() {
            return changed.isEmpty() && deleted.isEmpty();
        }
    }

    private final CalDavClient client;

    public SyncCollectionReport(CalDavClient client) {
        this.client = client;
    }

    /** Changes since {@code token}; an empty or null token lists every member. */
    public Changes changesSince(CalDavAccount c, URI calendar, String token) throws CalDavException {
        Map<String, String> changed = new LinkedHashMap<>();
        Set<String> deleted = new LinkedHashSet<>();
        Set<URI> outside = new LinkedHashSet<>();
        String current = token == null ? "" : token;
        for (int page = 0; page < MAX_PAGES; page++) {
            DavAnswer a = client.report(c, calendar, 0, body(current));
            if (a.status() == 403 && a.text().contains("valid-sync-token")) {
                throw new CalDavException.SyncTokenInvalid("the sync token of " + calendar.getPath()
                        + " is no longer valid");
            }
            if (a.status() == 400 || a.status() == 403 || a.status() == 405 || a.status() == 501) {
                throw new CalDavException.SyncUnsupported(a.status(), "REPORT sync-collection on " + calendar.getPath()
                        + " answered " + a.status());
            }
            CalDavClient.expect(c, a, "REPORT sync-collection", 207);
            boolean truncated = false;
            Multistatus answer = Multistatus.parse(a.body(), a.url());
            for (Multistatus.Response r : answer.responses()) {
                if (isCollection(r.href(), calendar)) {
                    truncated |= r.status() == 507;
                    continue;
                }
                if (!Multistatus.isMember(r.href(), calendar)) {
                    outside.add(r.href());
                    continue;
                }
                String href = r.href().toString();
                if (r.status() == 404 || r.status() == 410) {
                    changed.remove(href);
                    deleted.add(href);
                } else if (r.status() / 100 == 2) {
                    deleted.remove(href);
                    changed.put(href, r.text(Multistatus.DAV, "getetag"));
                }
            }
            String next = answer.syncToken();
            if (next == null || next.isBlank()) {
                throw new CalDavException(207, "REPORT sync-collection on " + calendar.getPath() + " returned no sync-token");
            }
            current = next;
            if (!truncated) {
                Outsiders.log(calendar, outside);
                return new Changes(current, changed, deleted);
            }
        }
        throw new CalDavException(507, "REPORT sync-collection on " + calendar.getPath() + " kept truncating after "
                + MAX_PAGES + " pages");
    }

    /** The collection's current {@code DAV:sync-token} (PROPFIND Depth 0), or null when it has none. */
    public String currentToken(CalDavAccount c, URI calendar) throws CalDavException {
        List<Multistatus.Response> r = client.propfind(c, calendar, 0, TOKEN_PROPFIND);
        return r.isEmpty() ? null : r.get(0).text(Multistatus.DAV, "sync-token");
    }

    private static String body(String token) {
        return "<?xml version=\"1.0\" encoding=\"utf-8\"?><d:sync-collection xmlns:d=\"DAV:\"><d:sync-token>"
                + escape(token) + "</d:sync-token><d:sync-level>1</d:sync-level><d:prop><d:getetag/></d:prop>"
                + "</d:sync-collection>";
    }

    static boolean isCollection(URI href, URI calendar) {
        String p = href.getPath() == null ? "" : href.getPath();
        return p.endsWith("/") || p.equals(calendar.getPath()) || (p + "/").equals(calendar.getPath());
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
