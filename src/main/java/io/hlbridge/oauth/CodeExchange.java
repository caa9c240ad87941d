package io.hlbridge.oauth;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import io.hlbridge.config.UserType;
import io.hlbridge.connections.Connection;
import io.hlbridge.highlevel.HighLevelClient;
import io.hlbridge.store.InboxStore;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET highlevel.oauth.callback-path?code=}: HighLevel sent the admin's browser back. The code is exchanged
 * ({@code POST /oauth/token}), the tokens are stored encrypted, an agency's installed locations are listed, and the
 * page shows each location's users with how to connect them to Apple IDs (the admin API's connect flow).
 */
public class CodeExchange implements Processor {
    private static final Logger LOG = LoggerFactory.getLogger(CodeExchange.class);
    private final OAuthSettings settings;
    private final TokenEndpoint endpoint;
    private final Installations installations;
    private final HighLevelClient highLevel;
    private final InboxStore inbox;

    /** @param settings null when no Marketplace app is configured */
    public CodeExchange(OAuthSettings settings, TokenEndpoint endpoint, Installations installations,
            HighLevelClient highLevel, InboxStore inbox) {
        this.settings = settings;
        this.endpoint = endpoint;
        this.installations = installations;
        this.highLevel = highLevel;
        this.inbox = inbox;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        String code = exchange.getMessage().getHeader("code", String.class);
        String error = exchange.getMessage().getHeader("error", String.class);
        if (settings == null) {
            OAuthPages.answer(exchange, 404, "No Marketplace app", "This bridge has no HighLevel Marketplace app"
                    + " (highlevel.oauth.client-id).");
            return;
        }
        if (code == null || code.isBlank()) {
            OAuthPages.answer(exchange, 400, "Install not finished", "<p>HighLevel sent no code"
                    + (error == null ? "" : " (" + OAuthPages.escape(error) + ")") + ". Start again at the install"
                    + " link.</p>");
            return;
        }
        TokenGrant g;
        try {
            g = endpoint.exchangeCode(code, UserType.from(exchange.getMessage().getHeader("state", String.class),
                    settings.userType()));
        } catch (TokenRefused e) {
            LOG.warn("The install's code exchange was refused: {}", e.getMessage());
            OAuthPages.answer(exchange, 502, "Install not finished", "<p>HighLevel refused the code: "
                    + OAuthPages.escape(e.getMessage()) + ". Codes work once and briefly: start again at the"
                    + " install link.</p>");
            return;
        }
        boolean agency = UserType.COMPANY.written().equals(g.userType());
        if (agency ? g.companyId() == null : g.locationId() == null) {
            OAuthPages.answer(exchange, 502, "Install not finished", "<p>HighLevel's token answer names no "
                    + (agency ? "companyId" : "locationId") + ".</p>");
            return;
        }
        List<String> agencyLocations = !agency ? List.of() : g.approvedLocations().isEmpty()
                ? endpoint.installedLocations(g.accessToken(), g.companyId()) : g.approvedLocations();
        List<String> locations = installations.authorized(g, agencyLocations);
        inbox.makeDue(System.currentTimeMillis()); // work that waited for the installation runs now
        StringBuilder page = new StringBuilder("<p>The bridge holds the tokens of "
                + (agency ? "agency " + OAuthPages.escape(g.companyId()) + " and its " + locations.size()
                + " location(s)" : "location " + OAuthPages.escape(g.locationId())) + " and renews them.</p>");
        page.append("<p>Connect a user to an Apple ID: <code>POST /admin/api/connections</code> on the management"
                + " port with <code>name, locationId, userId, appleId, appPassword, linkedCalendar</code> and no"
                + " <code>highlevelToken</code> (the installation gives it); <code>POST /admin/api/calendars</code>"
                + " lists an Apple ID's calendars.</p>");
        for (String location : locations.subList(0, Math.min(locations.size(), 20))) {
            page.append("<h2>Location <code>").append(OAuthPages.escape(location)).append("</code></h2>");
            try {
                List<JsonNode> users = highLevel.listUsers(new Connection("install:" + location, location, null, null,
                        null, null, null, null, null, null));
                page.append("<table><tr><th>userId</th><th>name</th><th>email</th></tr>");
                for (JsonNode u : users) {
                    page.append("<tr><td><code>").append(OAuthPages.escape(u.path("id").asText())).append(
                            "</code></td><td>").append(OAuthPages.escape(u.path("name").asText())).append("</td><td>")
                            .append(OAuthPages.escape(u.path("email").asText())).append("</td></tr>");
                }
                page.append("</table>");
            } catch (Exception e) {
                page.append("<p>Its users could not be listed now: ").append(OAuthPages.escape(String.valueOf(
                        e.getMessage()))).append("</p>");
            }
        }
        OAuthPages.answer(exchange, 200, "Installed", page.toString());
    }
}
