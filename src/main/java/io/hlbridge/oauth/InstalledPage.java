package io.hlbridge.oauth;

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
        StringBuilder page = new StringBuilder("<p>The bridge holds the tokens of "
                + (callback.agency() ? "agency " + OAuthPages.escape(g.companyId()) + " and its "
                + callback.locations.size() + " location(s)" : "location " + OAuthPages.escape(g.locationId()))
                + " and renews them.</p>");
        page.append("<p>Next, each user connects their own iCloud calendar inside HighLevel: in the sub-account, open"
                + " the app's page <strong>Connect your iCloud calendar</strong> from the left menu, type the Apple ID"
                + " and an app-specific password, and pick the calendars. Nobody else needs their password.</p>"
                + "<p>The users of each sub-account the bridge now serves:</p>");
        for (Map.Entry<String, InstallCallback.Users> location : callback.users.entrySet()) {
            page.append("<h2>Location <code>").append(OAuthPages.escape(location.getKey())).append("</code></h2>");
            if (location.getValue().failure() != null) {
                page.append("<p>Its users could not be listed now: ").append(OAuthPages.escape(
                        location.getValue().failure())).append("</p>");
                continue;
            }
            page.append("<table><tr><th>userId</th><th>name</th><th>email</th></tr>");
            for (JsonNode u : location.getValue().list()) {
                page.append("<tr><td><code>").append(OAuthPages.escape(u.path("id").asText())).append(
                        "</code></td><td>").append(OAuthPages.escape(u.path("name").asText())).append("</td><td>")
                        .append(OAuthPages.escape(u.path("email").asText())).append("</td></tr>");
            }
            page.append("</table>");
        }
        OAuthPages.answer(exchange, 200, "Installed", page.toString());
    }
}
