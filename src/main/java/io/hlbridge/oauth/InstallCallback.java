package io.hlbridge.oauth;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.hlbridge.config.UserType;
import org.apache.camel.Exchange;

/**
 * One install callback as route oauth-callback fills it in, step by step, in the exchange variable
 * {@value #VARIABLE}: the code, the tokens it gave, the locations they cover, each location's users. A step that
 * answers the browser early marks it {@link #answered()}, and the route's gate after that step ends the exchange.
 */
public final class InstallCallback {
    static final String VARIABLE = "install";
    final String code;
    final UserType userType;
    private boolean answered;
    TokenGrant grant;
    List<String> agencyLocations = List.of();
    List<String> locations = List.of();
    /** location → its users, or why they could not be listed, in the order the locations were read. */
    final Map<String, Users> users = new LinkedHashMap<>();

    /** A location's users ({@code failure} null), or why they could not be listed. */
    record Users(List<JsonNode> list, String failure) {
    }

    InstallCallback(String code, UserType userType) {
        this.code = code;
        this.userType = userType;
    }

    /** The callback of an exchange; fails naming the step that makes it when the route lacks it. */
    static InstallCallback of(Exchange exchange) {
        InstallCallback c = exchange.getVariable(VARIABLE, InstallCallback.class);
        if (c == null) {
            throw new IllegalStateException("route oauth-callback must start with step '" + OAuthSteps.CALLBACK_REQUEST + "'");
        }
        return c;
    }

    /** The browser has its page: the route's next gate ends the exchange. */
    public boolean answered() {
        return answered;
    }

    /** A page saying {@code message} (plain text) ends the install. */
    void answer(Exchange exchange, int status, String title, String message) {
        OAuthPages.answer(exchange, status, title, message);
        answered = true;
    }

    boolean agency() {
        return UserType.COMPANY.written().equals(grant.userType());
    }
}
