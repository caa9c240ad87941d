package io.hlbridge.oauth;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/** Last step of oauth-callback: the page saying what the bridge now holds, and each location's users to connect. */
public class InstalledPage implements Processor {

    @Override
    public void process(Exchange exchange) {
        InstallCallback callback = InstallCallback.of(exchange);
        TokenGrant g = callback.grant;
        Map<String, Object> v = new HashMap<>();
        v.put("agency", callback.agency());
        v.put("companyId", g.companyId());
        v.put("locationId", g.locationId());
        v.put("locationCount", callback.locations.size());
        List<Map<String, Object>> locations = new ArrayList<>();
        for (Map.Entry<String, InstallCallback.Users> location : callback.users.entrySet()) {
            Map<String, Object> l = new HashMap<>();
            l.put("id", location.getKey());
            l.put("failure", location.getValue().failure());
            List<Map<String, String>> users = new ArrayList<>();
            if (location.getValue().failure() == null) {
                for (JsonNode u : location.getValue().list()) {
                    users.add(Map.of("id", u.path("id").asText(), "name", u.path("name").asText(), "email",
                            u.path("email").asText()));
                }
            }
            l.put("users", users);
            locations.add(l);
        }
        v.put("locations", locations);
        OAuthPages.page(exchange, 200, "installed", v);
    }
}
