package io.hlbridge.connectpage;

import java.util.Arrays;

import io.hlbridge.adapters.Adapters;
import io.hlbridge.config.BridgeOptions;
import io.hlbridge.config.SyncChoices;
import io.hlbridge.config.Settings;
import io.hlbridge.connections.ConnectionAdmin;
import io.hlbridge.connections.Connections;
import io.hlbridge.highlevel.UserContextCipher;
import io.hlbridge.http.PageHeaderFilter;
import org.apache.camel.spi.Registry;

/**
 * The beans of the connect page (routes/connect-page*.camel.yaml), HighLevel users' own view of their connection inside
 * HighLevel. Without {@code highlevel.oauth.shared-secret} the page is still served, and every sign-in is refused.
 */
public final class ConnectPageWiring {
    private ConnectPageWiring() {
    }

    public static void bind(Registry r, Adapters a, Connections connections, ConnectionAdmin admin) {
        Settings s = a.settings();
        ConnectPage page = new ConnectPage(s.get(BridgeOptions.CUSTOM_PAGE_PATH),
                s.get(BridgeOptions.CUSTOM_PAGE_FRAME_ANCESTORS));
        UserContextCipher cipher = new UserContextCipher(Arrays.asList(s.get(BridgeOptions.SHARED_SECRET),
                s.get(BridgeOptions.SHARED_SECRET_PREVIOUS)));
        PageVisitors visitors = new PageVisitors(cipher, connections.directory(), a.stores().installations(),
                a.highLevel().client(), s.get(BridgeOptions.CUSTOM_PAGE_SESSION));
        r.bind(ConnectPageSteps.HEADERS, new PageHeaderFilter());
        r.bind(ConnectPageSteps.SHELL, new ConnectPageShell(page));
        r.bind(ConnectPageSteps.ASSET, new ConnectPageAsset(page));
        r.bind(ConnectPageSteps.SIGN_IN, new ConnectPageSignIn(visitors, page, s.get(BridgeOptions.CUSTOM_PAGE_SESSION)));
        Removals removals = new Removals();
        ConnectPageView view = new ConnectPageView(visitors, page, connections.directory(), connections.states(),
                a.stores().calendars(), a.calDav().discovery(), SyncChoices.global(s), removals);
        r.bind(ConnectPageSteps.VIEW, view);
        PasswordAttempts attempts = new PasswordAttempts();
        r.bind(ConnectPageSteps.CALENDARS, new ConnectPageCalendars(visitors, page, admin, attempts));
        r.bind(ConnectPageSteps.CONNECT, new ConnectPageConnect(visitors, page, view, admin, connections.directory(),
                attempts));
        r.bind(ConnectPageSteps.CHANGE, new ConnectPageChange(visitors, page, view, admin, connections.directory(),
                attempts, removals));
    }
}
