package io.hlbridge.config;

import static io.hlbridge.config.OptionType.choice;
import static io.hlbridge.config.OptionType.duration;
import static io.hlbridge.config.OptionType.integer;
import static io.hlbridge.config.OptionType.list;
import static io.hlbridge.config.OptionType.text;

import java.net.URI;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;


/**
 * Every configuration key of the bridge, declared once: type, default, meaning. docs/configuration.md's table and the packaged
 * {@code application.properties} list the same keys with the same defaults ({@code ConfigurationDocumentationTest}
 * compares them). Keys under {@link #PREFIXES} belong to the bridge: any other key there is refused at start-up.
 */
public final class BridgeOptions {
    private BridgeOptions() {
    }

    /** Key prefixes the bridge owns; {@code connections.} holds one block per HighLevel user. */
    public static final List<String> PREFIXES = List.of("highlevel.", "icloud.", "bridge.", "sync.", "connections.");

    /** HighLevel's calendar types ({@code calendarType} in calendars.json). */
    public static final Set<String> CALENDAR_TYPES = Set.of("round_robin", "collective", "class_booking",
            "service_booking", "personal", "event");

    // --- HTTP server (webhooks) ---
    public static final Option<Integer> SERVER_PORT = Option.of("camel.server.port", integer(1, 65535), "8080",
            "Port of the webhook endpoint (Camel's embedded HTTP server).");
    public static final Option<Integer> SERVER_MAX_BODY = Option.of("camel.server.max-body-size",
            integer(1024, Integer.MAX_VALUE), "1048576", "Larger webhook bodies are answered 413.");

    // --- Management server (health, metrics, admin API, status page) ---
    public static final Option<Integer> MANAGEMENT_PORT = Option.of("camel.management.port", integer(1, 65535), "8081",
            "Port of Camel's management server: /observe/health, /observe/metrics, /admin/api, /status.");
    public static final Option<String> MANAGEMENT_HOST = Option.of("camel.management.host", text(), "127.0.0.1",
            "Interface the management server binds; any other than the loopback needs bridge.admin.token.");
    public static final Option<String> ADMIN_TOKEN = Option.unset("bridge.admin.token", text(),
            "no token: only callers on 127.0.0.1 reach the admin API and status page", "Bearer token of the admin API"
                    + " and status page (at least 24 characters); required when camel.management.host is not the"
                    + " loopback.").asSecret();
    public static final Option<List<String>> ADMIN_ALLOWED_HOSTS = Option.unset("bridge.admin.allowed-hosts",
            list(Set.of()), "only localhost, 127.0.0.1, [::1] and camel.management.host", "Other names (comma-separated)"
                    + " the admin API and status page answer under, as in the request's Host header: the name a"
                    + " reverse proxy or the operators' browsers use. Any other Host is refused (DNS rebinding).");
    public static final Option<String> SECRET_KEY = Option.unset("bridge.secret-key", text(),
            "connections cannot be stored (only those in this file work)", "Key that encrypts the secrets of"
                    + " connections stored at run time (AES-256-GCM): base64 of 32 random bytes, openssl rand -base64"
                    + " 32. Required once a connection is stored; keep it: a lost key cannot be recovered.").asSecret();

    // --- HighLevel ---
    public static final Option<URI> HIGHLEVEL_API_URL = Option.of("highlevel.api-url", OptionType.url(),
            "https://services.leadconnectorhq.com", "HighLevel API base URL.");
    public static final Option<String> WEBHOOK_PATH = Option.of("highlevel.webhook.path", OptionType.path(),
            "/webhooks/highlevel", "Path HighLevel posts AppointmentCreate/Update/Delete webhooks to.");
    public static final Option<String> WEBHOOK_ED25519_KEY = Option.unset("highlevel.webhook.ed25519-public-key", text(),
            "HighLevel's published key", "Key for x-ghl-signature (Ed25519), PEM or base64 SPKI.");
    public static final Option<String> WEBHOOK_RSA_KEY = Option.unset("highlevel.webhook.rsa-public-key", text(),
            "HighLevel's published key", "Key for the legacy x-wh-signature (RSA-SHA256), PEM or base64 SPKI.");
    public static final Option<Duration> WEBHOOK_MAX_AGE = Option.of("highlevel.webhook.max-age", duration(), "5m",
            "Webhooks whose signed timestamp is older are refused (401): replay protection. HighLevel re-delivers a"
                    + " webhook answered 429 about 10 minutes later; raise this if such retries keep their first"
                    + " timestamp.");
    public static final Option<Integer> RATE_LIMIT_MAX = Option.of("highlevel.rate-limit.max-requests",
            integer(1, 100), "100", "HighLevel's burst limit per location (requests per window); never exceeded.");
    public static final Option<Duration> RATE_LIMIT_WINDOW = Option.of("highlevel.rate-limit.window", duration(), "10s",
            "The window of that burst limit.");
    public static final Option<Duration> HIGHLEVEL_TIMEOUT = Option.of("highlevel.timeout", duration(), "30s",
            "Longest one HighLevel exchange may take, from waiting for a pooled connection to the answer's last byte"
                    + " (connecting has 10 s of it).");
    public static final Option<Long> HIGHLEVEL_MAX_ANSWER = Option.of("highlevel.max-answer-size", OptionType.bytes(),
            "16MB", "Longer HighLevel answers fail their exchange (retried later) instead of filling the heap.");

    // --- HighLevel Marketplace app (OAuth) ---
    public static final Option<String> OAUTH_CLIENT_ID = Option.unset("highlevel.oauth.client-id", text(),
            "no app: each connection has its own highlevel-token, and no webhook comes (polling only)",
            "Client id of the bridge's HighLevel Marketplace app: installs (highlevel.oauth.install-path) give the"
                    + " tokens of their locations, renewed by the bridge. Needs bridge.secret-key.");
    public static final Option<String> OAUTH_CLIENT_SECRET = Option.unset("highlevel.oauth.client-secret", text(),
            "none (required with client-id)", "Client secret of that app.").asSecret();
    public static final Option<String> OAUTH_APP_ID = Option.unset("highlevel.oauth.app-id", text(),
            "the client id up to its first '-'", "App id that INSTALL and UNINSTALL webhooks must name; others are"
                    + " refused (403).");
    public static final Option<URI> OAUTH_REDIRECT_URI = Option.unset("highlevel.oauth.redirect-uri", OptionType.url(),
            "none (required with client-id)", "The app's redirect URI as registered with HighLevel: the public URL"
                    + " of highlevel.oauth.callback-path on this bridge's webhook port.");
    public static final Option<String> OAUTH_SCOPES = Option.of("highlevel.oauth.scopes", text(),
            "calendars.readonly calendars/events.readonly calendars/events.write locations.readonly users.readonly"
                    + " oauth.readonly oauth.write", "Scopes asked for at install, separated by spaces (oauth.* let an"
                    + " agency install mint its locations' tokens).");
    public static final Option<URI> OAUTH_AUTHORIZE_URL = Option.of("highlevel.oauth.authorize-url", OptionType.url(),
            "https://marketplace.gohighlevel.com/v2/oauth/chooselocation", "Where an install starts (white label:"
                    + " https://marketplace.leadconnectorhq.com/v2/oauth/chooselocation); the token endpoints are"
                    + " under highlevel.api-url.");
    public static final Option<String> OAUTH_INSTALL_PATH = Option.of("highlevel.oauth.install-path",
            OptionType.path(), "/oauth/install", "Path on the webhook port that sends an admin to HighLevel to"
                    + " install the app.");
    public static final Option<String> OAUTH_CALLBACK_PATH = Option.of("highlevel.oauth.callback-path",
            OptionType.path(), "/oauth/callback", "Path on the webhook port HighLevel sends the admin's browser back"
                    + " to with the code.");
    public static final Option<UserType> OAUTH_USER_TYPE = Option.of("highlevel.oauth.user-type",
            choice(UserType.class), "location", "location: admins install the app on sub-accounts;"
                    + " company: on the agency, whose token then mints each installed location's tokens.");
    public static final Option<Duration> OAUTH_REFRESH_MARGIN = Option.of("highlevel.oauth.refresh-margin", duration(),
            "5m", "An access token with less than this left is renewed before it is used (and once on a 401).");
    public static final Option<Duration> OAUTH_IDLE_REFRESH = Option.of("highlevel.oauth.idle-refresh", duration(),
            "30d", "A refresh token unused this long is used, checked hourly: HighLevel's expire after a year unused.");

    // --- The connect page: the Marketplace app's Custom Page, inside HighLevel ---
    public static final Option<String> SHARED_SECRET = Option.unset("highlevel.oauth.shared-secret", text(),
            "no one can sign in to the connect page", "The app's Shared Secret (HighLevel's developer portal:"
                    + " the app's Advanced Settings, Auth): it decrypts the user context HighLevel gives the connect"
                    + " page, which says who opened it.").asSecret();
    public static final Option<String> SHARED_SECRET_PREVIOUS = Option.unset("highlevel.oauth.shared-secret-previous",
            text(), "none", "The Shared Secret before a rotation, accepted as well until every HighLevel tab has"
                    + " reloaded: set it to the old value when you generate a new one, unset it a day later.")
            .asSecret();
    public static final Option<String> CUSTOM_PAGE_PATH = Option.of("highlevel.custom-page.path", OptionType.path(),
            "/connect", "Path on the webhook port of the connect page; the app's Custom Page URL is its public"
                    + " HTTPS address.");
    public static final Option<String> CUSTOM_PAGE_FRAME_ANCESTORS = Option.of("highlevel.custom-page.frame-ancestors",
            text(), "https://app.gohighlevel.com https://*.gohighlevel.com https://app.leadconnectorhq.com"
                    + " https://*.leadconnectorhq.com", "Origins that may frame the connect page, separated by"
                    + " spaces (a white-label agency adds the domain its users open HighLevel on).");
    public static final Option<Duration> CUSTOM_PAGE_SESSION = Option.of("highlevel.custom-page.session-life",
            duration(), "30m", "How long a sign-in to the connect page lasts; the page signs in again by itself"
                    + " when it has run out.");

    // --- iCloud / CalDAV ---
    public static final Option<URI> CALDAV_URL = Option.of("icloud.caldav-url", OptionType.url(),
            "https://caldav.icloud.com/", "Where CalDAV discovery starts; any CalDAV server with principal discovery"
                    + " works. Credentials only ever go to this host or to https://*.icloud.com.");
    public static final Option<Duration> CALDAV_TIMEOUT = Option.of("icloud.timeout", duration(), "30s",
            "Longest one CalDAV exchange may take, to the answer's last byte, as for highlevel.timeout: a server"
                    + " trickling its answer is cut off.");
    public static final Option<Duration> CALDAV_UNREACHABLE_AFTER = Option.of("icloud.unreachable-after", duration(),
            "5m", "A connection whose CalDAV server has not been reached (no answer, or only 5xx) for this long needs"
                    + " attention: its state, readiness and the bridge_connections gauge say so, with the host.");
    public static final Option<Long> CALDAV_MAX_ANSWER = Option.of("icloud.max-answer-size", OptionType.bytes(), "16MB",
            "A longer CalDAV answer fails its poll or write with the reason; the next poll starts again.");
    public static final Option<Integer> MULTIGET_BATCH = Option.of("icloud.multiget-batch-size", integer(1, 1000), "50",
            "Changed events fetched per calendar-multiget REPORT.");

    // --- Store ---
    public static final Option<String> DB_URL = Option.of("bridge.db.url", text(), "jdbc:h2:file:./data/bridge",
            "JDBC URL of the inbox and link store (H2 file by default, relative to the working directory; its"
                    + " absolute path is logged at start-up). jdbc:postgresql://host/db works too.");
    public static final Option<String> DB_USER = Option.unset("bridge.db.user", text(), "none",
            "Database user.");
    public static final Option<String> DB_PASSWORD = Option.unset("bridge.db.password", text(), "none",
            "Database password.").asSecret();
    public static final Option<Integer> DB_POOL_SIZE = Option.of("bridge.db.pool-size", integer(2, 500), "16",
            "JDBC pool size.");
    // --- Several nodes on one database ---
    public static final Option<String> NODE_ID = Option.unset("bridge.node-id", text(), "host name and process id",
            "This node's name in logs, metrics, the status page and the claims it holds in the store; unique among"
                    + " the nodes that share a database.");
    public static final Option<Duration> NODE_LEASE = Option.of("bridge.nodes.lease", duration(), "15s",
            "How long a node's claims (an appointment being written, an Apple ID being polled, a singleton route)"
                    + " outlive its last heartbeat (every third of this): a node that died or lost the database lets"
                    + " the others take its work after this. Only used on a shared database (not an embedded H2 file).");

    // --- Inbox and retries ---
    public static final Option<Duration> SWEEP_INTERVAL = Option.of("bridge.inbox.sweep-interval", duration(), "1s",
            "How often due retries and entries stored before a restart are picked up.");
    public static final Option<Duration> INBOX_RETENTION = Option.of("bridge.inbox.retention", duration(), "7d",
            "Applied and skipped inbox entries, with their webhook bodies, are deleted once older; FAILED ones stay."
                    + " Must not be shorter than highlevel.webhook.max-age (the stored webhookId refuses a replay).");
    public static final Option<Duration> PRUNE_INTERVAL = Option.of("bridge.inbox.prune-interval", duration(), "1h",
            "How often entries past their retention are deleted (first run a minute after start-up).");
    public static final Option<Duration> RETRY_INITIAL = Option.of("bridge.retry.initial-delay", duration(), "1s",
            "First backoff of a failed appointment (then doubling, jittered). A CalDAV Retry-After (clamped to"
                    + " 1 s - 1 h) replaces it.");
    public static final Option<Duration> RETRY_MAX = Option.of("bridge.retry.max-delay", duration(), "5m",
            "Longest backoff of a failed appointment.");
    public static final Option<Integer> RETRY_ATTEMPTS = Option.of("bridge.retry.max-attempts", integer(1, 1000), "25",
            "Then the inbox entry is parked as FAILED (kept, logged).");
    public static final Option<Duration> CREDENTIALS_DELAY = Option.of("bridge.retry.credentials-delay", duration(),
            "15m", "A connection whose Apple ID answered 401 is left alone (no poll, no write) this long, then tried"
                    + " once more; replacing its app password lifts the hold at once.");
    // --- The webhook listener (the standalone bridge's HTTP server) ---
    public static final Option<Duration> HTTP_IDLE_TIMEOUT = Option.of("bridge.http.idle-timeout", duration(), "10s",
            "A connection that sends no complete request headers within this (idle between requests, or trickling"
                    + " them) is closed: the deadline for a request's headers, short so that slow clients give their"
                    + " connections back soon (HighLevel sends its headers at once).");
    public static final Option<Duration> HTTP_REQUEST_TIMEOUT = Option.of("bridge.http.request-timeout", duration(),
            "30s", "A request not read and answered within this of its headers has its connection closed.");
    public static final Option<Integer> HTTP_MAX_CONNECTIONS = Option.of("bridge.http.max-connections",
            integer(16, 1_000_000), "500", "More connections are closed as they come; lowered at start-up when the"
                    + " file descriptor limit (ulimit -n) would not leave 256 for the outbound clients and the store.");
    public static final Option<Integer> HTTP_MAX_CONNECTIONS_PER_PEER = Option.of(
            "bridge.http.max-connections-per-peer", integer(1, 1_000_000), "50", "Connections one client address may"
                    + " hold; more are closed as they come, so one slow or idle client cannot take the listener from"
                    + " the others. Behind a reverse proxy every connection comes from it: raise this to"
                    + " bridge.http.max-connections, and let the proxy bound its clients.");
    public static final Option<String> LOG_LEVEL = Option.of("bridge.log.level", text(), "INFO",
            "Log level of the bridge's own loggers (io.hlbridge).");
    public static final Option<LogFormat> LOG_FORMAT = Option.of("bridge.log.format", choice(LogFormat.class), "text", "text: one line per event, date first; json: one JSON object per line (log4j's JSON"
                    + " template layout, ECS fields) for log collectors.");

    // --- Sync ---
    public static final Option<Integer> CONCURRENCY = Option.of("sync.concurrency", integer(1, 256), "8",
            "Appointments written in parallel (one appointment is never written by two workers at once).");
    public static final Option<List<String>> CALENDAR_TYPES_SYNCED = Option.of("sync.calendar-types",
            list(Set.of("round_robin", "collective", "class_booking", "service_booking", "personal")),
            "round_robin,collective,class_booking,service_booking",
            "Calendar types whose appointments go to iCloud; event (Simple calendars) never does.");
    public static final Option<EventDetails> EVENT_DETAILS = Option.of("sync.event-details", choice(EventDetails.class),
            "full", "full: title, time, address and notes go to iCloud; busy: time only, titled Busy.");
    public static final Option<Duration> POLL_INTERVAL = Option.of("sync.poll-interval", duration(), "60s",
            "How often each calendar is polled for iCloud changes (first poll at start-up).");
    public static final Option<Integer> POLL_CONCURRENCY = Option.of("sync.poll-concurrency", integer(1, 256), "4",
            "Apple IDs polled in parallel; one Apple ID's calendars are polled one at a time.");
    public static final Option<Duration> RECONCILE_INTERVAL = Option.of("sync.reconcile-interval", duration(), "15m",
            "How often HighLevel is read (GET /calendars/events per user) for lost webhooks (first run at start-up).");
    public static final Option<Integer> WINDOW_PAST_DAYS = Option.of("sync.window.past-days", integer(0, 366), "1",
            "Busy time (and reconciliation) covers [now - past-days, now + future-days].");
    public static final Option<Integer> WINDOW_FUTURE_DAYS = Option.of("sync.window.future-days", integer(1, 3660),
            "90", "The window's future end, in days.");
    public static final Option<DeletionPolicy> ICLOUD_DELETIONS = Option.of("sync.icloud-deletions",
            choice(DeletionPolicy.class), "ignore", "ignore: an event deleted in iCloud keeps its blocked slots"
                    + " (HighLevel's behaviour); propagate: they go.");
    public static final Option<AllDayPolicy> ALL_DAY = Option.of("sync.all-day", choice(AllDayPolicy.class),
            "respect-transp", "All-day events: respect-transp busy only with TRANSP:OPAQUE (Apple writes none,"
                    + " meaning free); busy unless TRANSPARENT; free never.");
    public static final Option<String> BLOCKED_SLOT_TITLE = Option.of("sync.blocked-slot-title", text(), "Busy",
            "Title of blocked slots; {summary} copies the iCloud title (every HighLevel user sees it).");
    public static final Option<HighLevelSlotPolicy> HIGHLEVEL_BLOCKED_SLOTS = Option.of("sync.highlevel-blocked-slots",
            choice(HighLevelSlotPolicy.class), "ignore", "ignore: blocked slots made in HighLevel stay out of iCloud"
                    + " (HighLevel's behaviour); busy: each becomes a busy event in the user's linked calendar.");
    public static final Option<Duration> BLOCKED_SLOTS_INTERVAL = Option.of("sync.blocked-slots-interval", duration(),
            "5m", "How often HighLevel's blocked slots are read (GET /calendars/blocked-slots) for each user with"
                    + " highlevel-blocked-slots=busy: one request per user per interval, 12 an hour at 5m.");
    public static final Option<String> HIGHLEVEL_SLOT_TITLE = Option.of("sync.highlevel-slot-title", text(), "Busy",
            "Title of the busy events made for HighLevel's blocked slots; {title} copies the slot's title.");
    public static final Option<BlockedSlotScope> BLOCKED_SLOT_SCOPE = Option.of("sync.blocked-slot-scope",
            choice(BlockedSlotScope.class), "user", "user: slots carry assignedUserId; calendar: they carry"
                    + " connections.<name>.calendar-id.");
    public static final Option<Integer> MAX_DELETIONS = Option.of("sync.max-deletions-per-poll",
            integer(0, Integer.MAX_VALUE), "50", "A poll that would delete more blocked slots deletes none and logs"
                    + " an alert.");
    public static final Option<Integer> MAX_OCCURRENCES_PER_EVENT = Option.of("sync.max-occurrences-per-event",
            integer(10, 1_000_000), "2000", "An iCloud event whose rule makes more occurrences from its start to the"
                    + " window's end (a MINUTELY series, COUNT=10000000) is quarantined with the reason.");
    public static final Option<Integer> MAX_OCCURRENCES_PER_POLL = Option.of("sync.max-occurrences-per-poll",
            integer(100, 10_000_000), "20000", "Occurrences one calendar's poll expands; the resources past it wait for"
                    + " the next poll.");

    /** Every top-level option, in the order the documentation lists them. */
    public static final List<Option<?>> ALL = List.of(SERVER_PORT, SERVER_MAX_BODY, MANAGEMENT_PORT, MANAGEMENT_HOST,
            ADMIN_TOKEN, ADMIN_ALLOWED_HOSTS, SECRET_KEY, HIGHLEVEL_API_URL, WEBHOOK_PATH,
            WEBHOOK_ED25519_KEY, WEBHOOK_RSA_KEY, WEBHOOK_MAX_AGE, RATE_LIMIT_MAX, RATE_LIMIT_WINDOW, HIGHLEVEL_TIMEOUT,
            HIGHLEVEL_MAX_ANSWER, OAUTH_CLIENT_ID, OAUTH_CLIENT_SECRET, OAUTH_APP_ID,
            OAUTH_REDIRECT_URI, OAUTH_SCOPES, OAUTH_AUTHORIZE_URL, OAUTH_INSTALL_PATH, OAUTH_CALLBACK_PATH, OAUTH_USER_TYPE,
            OAUTH_REFRESH_MARGIN, OAUTH_IDLE_REFRESH, SHARED_SECRET, SHARED_SECRET_PREVIOUS, CUSTOM_PAGE_PATH,
            CUSTOM_PAGE_FRAME_ANCESTORS, CUSTOM_PAGE_SESSION, CALDAV_URL, CALDAV_TIMEOUT, CALDAV_UNREACHABLE_AFTER, CALDAV_MAX_ANSWER, MULTIGET_BATCH, DB_URL, DB_USER, DB_PASSWORD, DB_POOL_SIZE, NODE_ID, NODE_LEASE,
            SWEEP_INTERVAL,
            INBOX_RETENTION, PRUNE_INTERVAL, RETRY_INITIAL, RETRY_MAX, RETRY_ATTEMPTS, CREDENTIALS_DELAY,
            HTTP_IDLE_TIMEOUT, HTTP_REQUEST_TIMEOUT, HTTP_MAX_CONNECTIONS, HTTP_MAX_CONNECTIONS_PER_PEER, LOG_LEVEL, LOG_FORMAT,
            CONCURRENCY, CALENDAR_TYPES_SYNCED, EVENT_DETAILS, POLL_INTERVAL, POLL_CONCURRENCY, RECONCILE_INTERVAL,
            WINDOW_PAST_DAYS, WINDOW_FUTURE_DAYS, ICLOUD_DELETIONS, ALL_DAY, BLOCKED_SLOT_TITLE, HIGHLEVEL_BLOCKED_SLOTS,
            BLOCKED_SLOTS_INTERVAL, HIGHLEVEL_SLOT_TITLE, BLOCKED_SLOT_SCOPE,
            MAX_DELETIONS, MAX_OCCURRENCES_PER_EVENT, MAX_OCCURRENCES_PER_POLL);

    // --- Connections: connections.<name>.<field>, one block per HighLevel user <-> Apple ID ---
    public static final Option<String> LOCATION_ID = Option.of("location-id", text(), "",
            "HighLevel location (sub-account) id.").asRequired();
    public static final Option<String> USER_ID = Option.of("user-id", text(), "", "HighLevel user id.").asRequired();
    public static final Option<String> HIGHLEVEL_TOKEN = Option.unset("highlevel-token", text(),
            "the token of the location's Marketplace installation (highlevel.oauth.*)",
            "Private Integration token of the location.").asSecret();
    public static final Option<String> APPLE_ID = Option.of("apple-id", text(), "", "Apple ID (e-mail).").asRequired();
    public static final Option<String> APP_PASSWORD = Option.of("app-password", text(), "",
            "App-specific password (appleid.apple.com, Sign-In and Security).").asRequired().asSecret();
    public static final Option<String> LINKED_CALENDAR = Option.of("linked-calendar", text(), "",
            "Display name or URL of the calendar appointments go to.").asRequired();
    public static final Option<List<String>> CONFLICT_CALENDARS = Option.unset("conflict-calendars", list(Set.of()),
            "none", "More calendars (comma separated) whose busy time blocks HighLevel.");
    public static final Option<ZoneId> TIME_ZONE = Option.unset("time-zone", OptionType.zone(), "the location's zone",
            "Zone recurring appointments are written in, and where all-day and floating iCloud events are placed.");
    public static final Option<String> CALENDAR_ID = Option.unset("calendar-id", text(), "none",
            "HighLevel calendar blocked by iCloud busy time when sync.blocked-slot-scope=calendar.");

    public static final Option<EventDetails> CONNECTION_EVENT_DETAILS = Option.unset("event-details",
            choice(EventDetails.class), "the global sync.event-details", "full or busy for this connection's"
                    + " appointments (users choose it on the connect page).");
    public static final Option<String> CONNECTION_BLOCKED_SLOT_TITLE = Option.unset("blocked-slot-title", text(),
            "the global sync.blocked-slot-title", "Title of this connection's blocked slots; {summary} copies the"
                    + " iCloud title.");
    public static final Option<AllDayPolicy> CONNECTION_ALL_DAY = Option.unset("all-day", choice(AllDayPolicy.class),
            "the global sync.all-day", "respect-transp, busy or free for this connection's all-day iCloud events.");
    public static final Option<DeletionPolicy> CONNECTION_ICLOUD_DELETIONS = Option.unset("icloud-deletions",
            choice(DeletionPolicy.class), "the global sync.icloud-deletions", "ignore or propagate for events deleted"
                    + " in this connection's iCloud calendars.");
    public static final Option<HighLevelSlotPolicy> CONNECTION_HIGHLEVEL_BLOCKED_SLOTS = Option.unset(
            "highlevel-blocked-slots", choice(HighLevelSlotPolicy.class), "the global sync.highlevel-blocked-slots",
            "ignore or busy for the blocked slots this connection's user has in HighLevel.");

    public static final List<Option<?>> CONNECTION_FIELDS = List.of(LOCATION_ID, USER_ID, HIGHLEVEL_TOKEN, APPLE_ID,
            APP_PASSWORD, LINKED_CALENDAR, CONFLICT_CALENDARS, TIME_ZONE, CALENDAR_ID, CONNECTION_EVENT_DETAILS,
            CONNECTION_BLOCKED_SLOT_TITLE, CONNECTION_ALL_DAY, CONNECTION_ICLOUD_DELETIONS,
            CONNECTION_HIGHLEVEL_BLOCKED_SLOTS);

    /** The key of a connection field: {@code connections.<name>.<field>}. */
    public static String connectionKey(String name, Option<?> field) {
        return "connections." + name + "." + field.key();
    }
}
