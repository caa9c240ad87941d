package io.hlbridge.connectpage;

/** The bean names of routes/connect-page*.camel.yaml, each declared once: the wiring binds under them. */
public final class ConnectPageSteps {
    public static final String SHELL = "connectPageShell";
    public static final String ASSET = "connectPageAsset";
    public static final String SIGN_IN = "connectPageSignIn";
    public static final String VIEW = "connectPageView";
    public static final String CALENDARS = "connectPageCalendars";
    public static final String CONNECT = "connectPageConnect";
    public static final String CHANGE = "connectPageChange";
    /** Not a step: the header filter the page's endpoints name (http.PageHeaderFilter). */
    public static final String HEADERS = "connectPageHeaders";

    private ConnectPageSteps() {
    }
}
