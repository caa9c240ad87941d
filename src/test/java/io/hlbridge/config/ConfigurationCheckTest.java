package io.hlbridge.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.hlbridge.connections.ConfiguredConnections;
import io.hlbridge.connections.Connection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The whole configuration checked at once: every problem reported with its key and the fix. */
class ConfigurationCheckTest {

    static Map<String, String> connection(String name) {
        Map<String, String> m = new HashMap<>();
        m.put("connections." + name + ".location-id", "L1");
        m.put("connections." + name + ".user-id", "U1");
        m.put("connections." + name + ".highlevel-token", "t");
        m.put("connections." + name + ".apple-id", "a@example.com");
        m.put("connections." + name + ".app-password", "p");
        m.put("connections." + name + ".linked-calendar", "Work");
        return m;
    }

    static List<String> problems(Map<String, String> properties) {
        return ConfigurationCheck.problems(new Settings(properties::get, properties.keySet()));
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', textBlock = """
            sync.poll-interval          | 60            | sync.poll-interval: '60' has no unit; write 60s for seconds
            sync.poll-interval          | 1 minute      | sync.poll-interval: '1 minute' is not a duration (write it with a unit
            sync.poll-interval          | 0s            | sync.poll-interval: '0s' is not positive
            bridge.retry.max-attempts   | many          | bridge.retry.max-attempts: 'many' is not a whole number
            sync.concurrency            | 0             | sync.concurrency: 0 is outside 1..256
            sync.icloud-deletions       | propagat      | sync.icloud-deletions: 'propagat' is not one of ignore, propagate; did you mean propagate?
            sync.calendar-types         | round_robin,events | sync.calendar-types: 'events' is not one of
            sync.calendar-types         | round_robin,event  | sync.calendar-types: 'event' is not one of
            highlevel.api-url           | services.leadconnectorhq.com | highlevel.api-url: 'services.leadconnectorhq.com' is not an absolute http(s) URL
            highlevel.webhook.path      | webhooks      | highlevel.webhook.path: 'webhooks' is not a path
            sync.poll-intervall         | 30s           | sync.poll-intervall is not a key of the bridge; did you mean sync.poll-interval?
            bridge.inbox.retention      | 1m            | bridge.inbox.retention (PT1M) must not be shorter than highlevel.webhook.max-age (PT5M)
            camel.managment.port        | 8090          | camel.managment.port is not a key Camel reads; did you mean camel.management.port?
            camel.management.prot       | 8090          | camel.management.prot is not a key Camel reads; did you mean camel.management.port?
            camel.server.maxBodySzie    | 10            | camel.server.maxBodySzie is not a key Camel reads; did you mean camel.server.max-body-size?
            camel.main.routes-include-patern | routes/*.yaml | camel.main.routes-include-patern is not a key Camel reads; did you mean camel.main.routes-include-pattern?
            conections.bob.apple-id     | bob@example.com | conections.bob.apple-id is under no prefix the bridge reads; did you mean connections.bob.apple-id?
            highlvel.api-url            | http://x      | highlvel.api-url is under no prefix the bridge reads; did you mean highlevel.api-url?
            """)
    void aBadValueIsReportedWithItsKeyAndTheFix(String key, String value, String expected) {
        Map<String, String> p = connection("alice");
        p.put(key, value);
        List<String> problems = problems(p);
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).startsWith(expected), problems.get(0));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            camel.management.port            | 8090
            camel.management.healthCheckEnabled | true
            camel.server.max-body-size       | 4096
            camel.main.routesIncludePattern  | routes/*.yaml
            camel.main.name                  | bridge
            camel.metrics.enabled            | true
            camel.component.seda.queue-size | 10
            camel.rest.port                  | 8080
            sun.java.command                 | x
            user.home                        | /root
            java.version                     | 17
            """)
    void keysOfCamelAndOfTheJvmAreNotTakenForTypos(String key, String value) {
        Map<String, String> p = connection("alice");
        p.put(key, value);
        assertEquals(List.of(), problems(p));
    }

    @Test
    void aMisspeltTimeZoneIsRefusedWithTheNearestZone() {
        Map<String, String> p = connection("x");
        p.put("connections.x.time-zone", "Europe/Berln");
        assertEquals(List.of("connections.x.time-zone: 'Europe/Berln' is not a time zone (an IANA name like"
                + " Europe/Berlin); did you mean Europe/Berlin?"), problems(p));
    }

    @Test
    void everyProblemIsListedAtOnceWithTheEnvironmentVariableOfEachMissingKey() {
        Map<String, String> p = new HashMap<>();
        p.put("connections.bob.user-id", "U2");
        p.put("connections.bob.app-pasword", "typo");
        p.put("sync.poll-interval", "60");
        List<String> problems = problems(p);
        assertEquals(List.of(
                "connections.bob.app-pasword is not a connection key; did you mean connections.bob.app-password?"
                        + " (connection keys: location-id, user-id, highlevel-token, apple-id, app-password,"
                        + " linked-calendar, conflict-calendars, time-zone, calendar-id, event-details,"
                        + " blocked-slot-title, all-day, icloud-deletions, highlevel-blocked-slots)",
                "sync.poll-interval: '60' has no unit; write 60s for seconds (write it with a unit: 500ms, 30s, 5m, 1h,"
                        + " 1d, or ISO-8601 like PT5M)",
                "connections.bob.location-id is missing: set it in application.properties or in the environment as"
                        + " CONNECTIONS_BOB_LOCATION_ID",
                "connections.bob.highlevel-token is missing: set it in application.properties or in the environment"
                        + " as CONNECTIONS_BOB_HIGHLEVEL_TOKEN, or set highlevel.oauth.client-id so the location's"
                        + " Marketplace installation gives the token",
                "connections.bob.apple-id is missing: set it in application.properties or in the environment as"
                        + " CONNECTIONS_BOB_APPLE_ID",
                "connections.bob.app-password is missing: set it in application.properties or in the environment as"
                        + " CONNECTIONS_BOB_APP_PASSWORD",
                "connections.bob.linked-calendar is missing: set it in application.properties or in the environment"
                        + " as CONNECTIONS_BOB_LINKED_CALENDAR"), problems);
        InvalidConfigurationException e = assertThrows(InvalidConfigurationException.class,
                () -> ConfigurationCheck.verify(new Settings(p::get, p.keySet()), Map.of()));
        assertTrue(e.getMessage().startsWith("The bridge's configuration has 7 problems:\n  - connections.bob"),
                e.getMessage());
    }

    @Test
    void aMarketplaceAppNeedsItsSecretItsRedirectUriAndTheSecretKeyAndThenConnectionsNeedNoToken() {
        Map<String, String> p = connection("alice");
        p.remove("connections.alice.highlevel-token");
        p.put("highlevel.oauth.client-id", "app1-client");
        assertEquals(List.of("highlevel.oauth.client-secret is missing: highlevel.oauth.client-id is set, and the"
                + " Marketplace app needs it (environment variable HIGHLEVEL_OAUTH_CLIENT_SECRET)",
                "highlevel.oauth.redirect-uri is missing: highlevel.oauth.client-id is set, and the Marketplace app"
                        + " needs it (environment variable HIGHLEVEL_OAUTH_REDIRECT_URI)",
                "bridge.secret-key is missing: highlevel.oauth.client-id is set, and the Marketplace app needs it"
                        + " (environment variable BRIDGE_SECRET_KEY)"), problems(p));
        p.put("highlevel.oauth.client-secret", "s");
        p.put("highlevel.oauth.redirect-uri", "https://bridge.example.com/oauth/callback");
        p.put("bridge.secret-key", "YnJpZGdlLXRlc3RzLXNlY3JldC1rZXktMzItYnl0ZXM=");
        assertEquals(List.of(), problems(p));
    }

    @Test
    void aBlockUnderConnectionsWithNoConnectionKeyBelongsToTheApplication() {
        Map<String, String> p = connection("alice");
        p.put("connections.pool.max-size", "10"); // an embedding application's own key
        assertEquals(List.of(), problems(p));
        assertEquals(List.of("alice"), ConfiguredConnections.read(new Settings(p::get, p.keySet())).stream()
                .map(Connection::name).toList());
    }

    @Test
    void calendarScopeNeedsTheCalendarOfEveryConnection() {
        Map<String, String> p = connection("alice");
        p.put("sync.blocked-slot-scope", "calendar");
        assertEquals(List.of("connections.alice.calendar-id is missing: sync.blocked-slot-scope=calendar needs the"
                + " HighLevel calendar each connection blocks"), problems(p));
    }

    @Test
    void keysOfOtherPrefixesAreLeftAlone() {
        Map<String, String> p = connection("alice");
        p.put("camel.main.name", "host");
        p.put("host.greeting", "hello");
        p.put("syncing.anything", "x"); // not under "sync."
        assertEquals(List.of(), problems(p));
    }

    @Test
    void valuesAreTypedAndDefaultsComeFromTheCatalogue() {
        Map<String, String> p = connection("alice");
        p.put("connections.alice.conflict-calendars", "Home, Family");
        p.put("connections.alice.time-zone", "Australia/Brisbane");
        p.put("sync.poll-interval", "PT2M");
        Settings s = new Settings(p::get, p.keySet());
        assertEquals(List.of(), ConfigurationCheck.problems(s));
        assertEquals(Duration.ofMinutes(2), s.get(BridgeOptions.POLL_INTERVAL));
        assertEquals(Duration.ofMinutes(15), s.get(BridgeOptions.RECONCILE_INTERVAL));
        Connection c = ConfiguredConnections.read(s).get(0);
        assertEquals(List.of("Home", "Family"), c.conflictCalendars());
        assertEquals(ZoneId.of("Australia/Brisbane"), c.timeZone());
        assertTrue(!c.toString().contains("p,") && !c.toString().contains("token"), c.toString());
    }

    @Test
    void environmentVariablesThatNameNoKeyAreOnlyWarnedAbout() {
        assertEquals(List.of("Environment variable SYNC_POLL_INTERVALL names no key of the bridge; did you mean"
                + " SYNC_POLL_INTERVAL?; it is ignored"), ConfigurationCheck.unknownEnvironmentVariables(Map.of(
                        "SYNC_POLL_INTERVALL", "30s", "SYNC_POLL_INTERVAL", "30s", "CONNECTIONS_ALICE_APP_PASSWORD", "x",
                        "PATH", "/usr/bin")));
    }
}
