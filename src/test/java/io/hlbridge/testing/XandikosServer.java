package io.hlbridge.testing;

import java.net.URI;
import java.util.List;
import java.util.Map;

/** Xandikos (no authentication of its own; it serves one principal at /alice/). */
public class XandikosServer extends CalDavServer {

    @Override
    public String name() {
        return "xandikos";
    }

    @Override
    public String homePath(String user) {
        return "/" + USER + "/calendars/"; // one principal serves every Apple ID
    }

    @Override
    protected List<String> command() {
        return List.of("/usr/bin/xandikos", "-d", dir.resolve("data").toString(), "-l", "127.0.0.1", "-p",
                String.valueOf(port), "--current-user-principal", "/" + USER + "/", "--autocreate");
    }

    /** Xandikos has real subscription collections: resourcetype collection + CS:subscribed (extended MKCOL). */
    @Override
    public URI mkSubscription(String user, String slug, String displayName, String source) throws Exception {
        URI url = baseUrl().resolve(homePath(user) + slug + "/");
        String body = "<?xml version=\"1.0\" encoding=\"utf-8\"?><d:mkcol xmlns:d=\"DAV:\" "
                + "xmlns:cs=\"http://calendarserver.org/ns/\"><d:set><d:prop><d:resourcetype><d:collection/>"
                + "<cs:subscribed/></d:resourcetype><d:displayname>" + displayName + "</d:displayname>"
                + "</d:prop></d:set></d:mkcol>";
        int status = send("MKCOL", url, body, Map.of("Content-Type", "application/xml")).statusCode();
        if (status != 201) {
            throw new IllegalStateException("MKCOL subscription -> " + status);
        }
        return url;
    }

    /** Xandikos advertises VEVENT, VTODO, VJOURNAL and VFREEBUSY on every calendar: no task-only collections. */
    @Override
    public java.util.Optional<URI> mkTaskList(String user, String slug, String displayName) {
        return java.util.Optional.empty();
    }
}
