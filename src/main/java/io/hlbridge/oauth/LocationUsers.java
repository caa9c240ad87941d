package io.hlbridge.oauth;

import java.util.List;

import io.hlbridge.highlevel.HighLevelClient;
import io.hlbridge.highlevel.HighLevelCredentials;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * Step of oauth-callback: the users of the installed locations ({@code GET /users/}, at most {@value #MOST}
 * locations, on the installation's new tokens), for the page to show whom to connect. A location whose users cannot be
 * read now is listed with the reason; the install itself is done.
 */
public class LocationUsers implements Processor {
    static final int MOST = 20;
    private final HighLevelClient highLevel;

    public LocationUsers(HighLevelClient highLevel) {
        this.highLevel = highLevel;
    }

    /** A location's installation, as the HighLevel client asks for its token. */
    record Installed(String locationId) implements HighLevelCredentials {
        @Override
        public String name() {
            return "install:" + locationId;
        }

        @Override
        public String highLevelToken() {
            return null;
        }
    }

    @Override
    public void process(Exchange exchange) {
        InstallCallback callback = InstallCallback.of(exchange);
        List<String> locations = callback.locations;
        for (String location : locations.subList(0, Math.min(locations.size(), MOST))) {
            try {
                callback.users.put(location, new InstallCallback.Users(highLevel.listUsers(new Installed(location)),
                        null));
            } catch (Exception e) {
                callback.users.put(location, new InstallCallback.Users(List.of(), String.valueOf(e.getMessage())));
            }
        }
    }
}
