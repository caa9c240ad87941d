package io.hlbridge.testing;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Radicale with htpasswd (plain) authentication: the only password it accepts is {@link TestSecrets#APP_PASSWORD},
 * so a wrong one gets a real 401.
 */
public class RadicaleServer extends CalDavServer {
    private final List<String> moreUsers = new java.util.ArrayList<>();

    /** Before {@link #start()}: more accounts (with the same password), for benchmarks of many Apple IDs. */
    public RadicaleServer withUsers(List<String> users) {
        moreUsers.addAll(users);
        return this;
    }

    @Override
    public String name() {
        return "radicale";
    }

    @Override
    public String homePath(String user) {
        return "/" + user + "/";
    }

    @Override
    protected List<String> command() throws IOException {
        Path users = dir.resolve("users");
        StringBuilder accounts = new StringBuilder(USER + ":" + TestSecrets.APP_PASSWORD + "\nbob:" + TestSecrets.APP_PASSWORD
                + "\n");
        moreUsers.forEach(u -> accounts.append(u).append(':').append(TestSecrets.APP_PASSWORD).append('\n'));
        Files.writeString(users, accounts);
        Path config = dir.resolve("config");
        Files.writeString(config, "[server]\nhosts = 127.0.0.1:" + port + "\n"
                + "[auth]\ntype = htpasswd\nhtpasswd_filename = " + users + "\nhtpasswd_encryption = plain\ndelay = 0\n"
                + "[rights]\ntype = owner_only\n"
                + "[storage]\nfilesystem_folder = " + dir.resolve("collections") + "\n"
                + "[logging]\nlevel = warning\nmask_passwords = True\n");
        return List.of("/usr/bin/radicale", "--config", config.toString());
    }

    /**
     * Radicale 3.1 has no subscription collections; it keeps dead properties as text, so the subscription is a
     * calendar carrying a CS:source, which is how iCloud marks one too.
     */
    @Override
    public URI mkSubscription(String user, String slug, String displayName, String source) throws Exception {
        URI url = mkcalendar(user, slug, displayName, "VEVENT");
        String body = "<?xml version=\"1.0\" encoding=\"utf-8\"?><d:propertyupdate xmlns:d=\"DAV:\" "
                + "xmlns:cs=\"http://calendarserver.org/ns/\"><d:set><d:prop><cs:source>" + source + "</cs:source></d:prop></d:set></d:propertyupdate>";
        int status = send("PROPPATCH", url, body, Map.of("Content-Type", "application/xml")).statusCode();
        if (status != 207) {
            throw new IllegalStateException("PROPPATCH CS:source -> " + status);
        }
        return url;
    }

    @Override
    public java.util.Optional<URI> mkTaskList(String user, String slug, String displayName) throws Exception {
        return java.util.Optional.of(mkcalendar(user, slug, displayName, "VTODO"));
    }

    /** Where Radicale keeps a calendar's items: benchmarks fill big calendars here instead of PUTting them. */
    public Path calendarFolder(String user, String slug) {
        return dir.resolve("collections").resolve("collection-root").resolve(user).resolve(slug);
    }
}
