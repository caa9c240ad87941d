package io.hlbridge.connectpage;

import java.time.Duration;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST highlevel.custom-page.path/session} with {@code {"payload": "<HighLevel's encrypted user context>"}}:
 * answers the bridge's session for it, or 401 with one and the same body whatever was wrong with it (see
 * {@link PageVisitors}). A page opened in the agency view gets the part of the page that says where to open it.
 */
public final class ConnectPageSignIn implements Processor {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Logger LOG = LoggerFactory.getLogger(ConnectPageSignIn.class);

    private final PageVisitors visitors;
    private final ConnectPage page;
    private final Duration sessionLife;

    ConnectPageSignIn(PageVisitors visitors, ConnectPage page, Duration sessionLife) {
        this.visitors = visitors;
        this.page = page;
        this.sessionLife = sessionLife;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        Message m = exchange.getMessage();
        String payload = payload(m.getBody(String.class));
        PageVisitors.SignIn signIn;
        try {
            signIn = payload == null ? null : visitors.signIn(payload).orElse(null);
        } catch (Exception e) { // HighLevel or the store cannot answer: the page says to try again, and nothing more
            LOG.warn("Connect page: a sign-in could not be checked: {}", e.toString());
            m.setHeader(Exchange.HTTP_RESPONSE_CODE, 503);
            page.secure(m, "application/json");
            m.setBody("{\"error\":\"unavailable\"}");
            return;
        }
        ObjectNode answer = JSON.createObjectNode();
        if (signIn instanceof PageVisitors.Session s) {
            answer.put("session", s.token()).put("expiresIn", sessionLife.toSeconds());
        } else if (signIn instanceof PageVisitors.AgencyView a) {
            answer.put("agency", true).put("view", page.view(Map.of("signedIn", page.text().get("view.signedIn",
                    ConnectPageView.nameOf(a.user())), "agency", page.text().get("page.agency"))));
        } else {
            m.setHeader(Exchange.HTTP_RESPONSE_CODE, 401);
            answer.put("error", "not signed in");
        }
        page.secure(m, "application/json");
        m.setBody(JSON.writeValueAsString(answer));
    }

    private static String payload(String body) {
        try {
            JsonNode n = body == null ? null : JSON.readTree(body);
            return n != null && n.path("payload").isTextual() ? n.path("payload").asText() : null;
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            return null;
        }
    }
}
